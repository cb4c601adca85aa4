//! Integration tests: the real rpod binary, run as an unprivileged user (see DESIGN.md).
