# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rpod_global_optspecs
    string join \n root= runroot= log-level= storage-driver= h/help V/version
end

function __fish_rpod_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rpod_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rpod_using_subcommand
    set -l cmd (__fish_rpod_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rpod -n "__fish_rpod_needs_command" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_needs_command" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_needs_command" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_needs_command" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "artifact" -d 'Manage OCI artifacts'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "auto-update" -d 'Pull newer images of containers labelled io.containers.autoupdate and restart their systemd units'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "completion" -d 'Generate a shell completion script'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "compose" -d 'Run a compose provider (podman-compose) with rpod as its podman'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "container" -d 'Manage containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "cp" -d 'Copy files and directories between a container and the host'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "create" -d 'Create but do not start a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "diff" -d 'Show what a container changed in its image\'s file system (A added, C changed, D deleted)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "export" -d 'Export a container\'s file system as a tar archive'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "import" -d 'Import a root file system tarball to create an image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "init" -d 'Prepare containers for their start without starting them: everything a start checks and sets up short of running them (rpod keeps no state between create and start, so they stay Created)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "inspect" -d 'Display the configuration of containers or images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "kill" -d 'Kill one or more running containers with a signal'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "kube" -d 'Generate Kubernetes YAML from containers and pods, and play it as pods'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "play" -d 'Play Kubernetes YAML (podman 4\'s spelling of kube play)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "load" -d 'Load images from an archive (docker-archive, oci-archive or oci-dir)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "search" -d 'Search registries for images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "generate" -d 'Generate structured data such as systemd units'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "healthcheck" -d 'Manage healthchecks of containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "manifest" -d 'Manipulate manifest lists and image indexes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "mount" -d 'Mount containers\' root file systems and print where (without arguments: list the mounted ones). Unprivileged, this works inside `rpod unshare`, whose session the mounts last for'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "network" -d 'Manage networks'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pause" -d 'Pause all processes in one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pod" -d 'Manage pods'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "port" -d 'List a container\'s published ports, or the host address of one of them'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "ps" -d 'List containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "quadlet" -d 'Manage quadlet files (systemd units that run containers)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "save" -d 'Save images to an archive'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "secret" -d 'Manage secrets'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "stats" -d 'Display a live stream of containers\' resource usage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "stop" -d 'Stop one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unmount" -d 'Unmount containers\' root file systems mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "umount" -d 'Unmount containers\' root file systems mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "unshare" -d 'Run a command (default: $SHELL) in a user namespace where you are root, with a mount namespace of its own: the store\'s files as their owner, and `rpod mount`'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "untag" -d 'Remove names from a local image (all of them when none is given)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "update" -d 'Update the resource limits, restart policy, healthcheck, environment or ulimits of one or more containers (a running container\'s healthcheck changes at once, its timer reset)'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "events" -d 'Show events: containers created, started, died, removed; images pulled, tagged, removed; volumes'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "info" -d 'Display rpod related system information'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "system" -d 'Manage rpod: disk use, pruning, resetting'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "version" -d 'Display the rpod version information'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "add" -d 'Add an OCI artifact to the local store from files'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "extract" -d 'Copy an OCI artifact\'s files to a file or directory'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "inspect" -d 'Display an OCI artifact\'s manifest, name and digest'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "ls" -d 'List the OCI artifacts of the local store'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "list" -d 'List the OCI artifacts of the local store'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "pull" -d 'Pull an OCI artifact from a registry into the local store'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "push" -d 'Push an OCI artifact to the registry its name names'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and not __fish_seen_subcommand_from add extract inspect ls list pull push rm" -f -a "rm" -d 'Remove OCI artifacts from the local store'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l annotation -d 'Set an annotation on each file\'s layer (KEY=VALUE); org.opencontainers.image.title names the file' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l file-type -d 'Media type of the files, instead of the one guessed from their content' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l type -d 'The artifact\'s type (the manifest\'s artifactType)' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -s a -l append -d 'Add the files to the existing artifact of that name'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -l replace -d 'Replace an artifact of that name'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from extract" -l digest -d 'Only the file with this digest' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from extract" -l title -d 'Only the file with this title (org.opencontainers.image.title)' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from extract" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from extract" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from extract" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from extract" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from extract" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template (.Name, .Digest, .Manifest, .TotalSizeBytes)' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -l format -d 'Format the output with a Go template (.Repository, .Tag, .Digest, .Created, .CreatedAt, .Size, .VirtualSize), or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Show the whole digest'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -l format -d 'Format the output with a Go template (.Repository, .Tag, .Digest, .Created, .CreatedAt, .Size, .VirtualSize), or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -l no-trunc -d 'Show the whole digest'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l retry -d 'Times to retry a registry request that failed for a passing reason [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress progress output'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l retry -d 'Times to retry a registry request that failed for a passing reason [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress progress output'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every artifact'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail for an artifact that does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand artifact; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l detach-keys -d 'Key sequence that detaches (default ctrl-p,ctrl-q; "" for none); the container needs a terminal (-t)' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l sig-proxy -d 'Whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with false they end only this command' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l rollback -d 'Go back to the previous image when the unit fails to restart with the new one' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l format -d 'Output: table (default), json, or a Go template over .Unit .Container .ContainerID .ContainerName .Image .Policy .Updated' -r
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -l dry-run -d 'Only check: UPDATED says "pending" where a newer image is available'
complete -c rpod -n "__fish_rpod_using_subcommand auto-update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s t -l tag -d 'Name the image (several allowed); a name without registry is local (localhost/NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s f -l file -d 'The Containerfile or Dockerfile to use (default: CONTEXT/Containerfile, then CONTEXT/Dockerfile); - reads it from stdin' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l build-arg -d 'Set a build-time variable (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l target -d 'Build the stage of this name (and the stages it needs), not the last one' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l pull -d 'Pull base images: always (the default of a bare --pull), missing (the default) or never' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l label -d 'Set a label on the image (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l network -d 'The network RUN steps use: pasta, slirp4netns, host or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l manifest -d 'Add the image to this manifest list, creating the list if it does not exist' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l authfile -d 'Path of the authentication file for the base images\' pulls (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l secret -d 'Pass a secret to `RUN --mount=type=secret,id=ID` steps (mounted at /run/secrets/ID by default), never stored in the image: its value is the file or environment variable that src= (or env=, or the id) names' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l add-host -d 'Add a line to /etc/hosts of RUN steps (NAME:IP or NAME:host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l dns -d 'Set a DNS server for RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l dns-option -d 'Set a resolv.conf option for RUN steps (e.g. ndots:2)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l dns-search -d 'Set a DNS search domain for RUN steps (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s v -l volume -d 'Bind mount or volume for RUN steps only (SOURCE:TARGET[:ro]); not part of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cap-add -d 'Add Linux capabilities to RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cap-drop -d 'Drop Linux capabilities from RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l security-opt -d 'Security options of RUN steps, as run\'s --security-opt' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l ulimit -d 'Resource limits of RUN steps (NAME=SOFT[:HARD], e.g. nofile=1024:2048)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l shm-size -d 'Size of /dev/shm in RUN steps (default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cgroup-parent -d 'Parent cgroup of RUN steps (absolute from the cgroup2 root, or relative to rpod\'s own)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l group-add -d 'Add a supplementary group to RUN steps (a gid or a group of the image)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l device -d 'Add a host device to RUN steps (HOST[:CONTAINER][:PERMISSIONS]) or a CDI device' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cgroupns -d 'Cgroup namespace of RUN steps: private (container, the only one rpod gives them)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l ipc -d 'IPC namespace of RUN steps: private (container) or host' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l pid -d 'PID namespace of RUN steps: private (container), as run\'s --pid' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l uts -d 'UTS namespace of RUN steps: private (container) or host' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l userns -d 'User namespace of RUN steps, as run\'s --userns (container: the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l build-arg-file -d 'Read build arguments from this file (ARG=VALUE lines; # comments); --build-arg wins' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l env -d 'Set a variable in the built image (KEY=VALUE, or KEY to take it from the environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l unsetenv -d 'Remove a variable from the built image, inherited or not' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l unsetlabel -d 'Remove a label from the built image, inherited or not' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l ignorefile -d 'The ignore file to use instead of the context\'s .containerignore or .dockerignore' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l layers -d 'Use and keep the build cache of intermediate images (default true); false neither reuses nor keeps any step' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l rm -d 'Remove each RUN step\'s container when it ends (the only way rpod builds; false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l force-rm -d 'Remove each RUN step\'s container even when the build fails (always; false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l format -d 'The image format: oci (the only one rpod writes)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l source-date-epoch -d 'The created time of the image and its history, in seconds since the epoch (default: $SOURCE_DATE_EPOCH, else now); also the SOURCE_DATE_EPOCH build argument' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l timestamp -d 'The created time of the image and its history, and the time of every file in the layers the build adds, in seconds since the epoch: reproducible builds' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l build-context -d 'A further build context, for COPY --from=NAME: NAME=DIR (directories only)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -s o -l output -d 'Also write the built image\'s files: DIR, type=local,dest=DIR, or type=tar,dest=FILE (- for standard output, which then carries nothing else); device nodes are left out' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l layer-label -d 'Set a label on every intermediate image, not on the result (KEY[=VALUE])' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l identity-label -d 'Add the io.buildah.version label naming the builder (default true, false with --source-date-epoch or $SOURCE_DATE_EPOCH)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l inherit-labels -d 'Keep the labels of the base image or base stages (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l skip-unused-stages -d 'Build only the stages the target needs (default true); false builds every stage up to the target' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l jobs -d 'Stages to build at once: rpod builds one at a time, so any N is accepted and noted' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l from -d 'Build on this image instead of the one the first FROM names' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l annotation -d 'Add an annotation to the built image\'s manifest (KEY=VALUE; OCI images only)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l unsetannotation -d 'Remove an annotation the base image\'s manifest has from the built image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l inherit-annotations -d 'Keep the annotations of the base image or base stage (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l created-annotation -d 'Annotate the image with its creation time, org.opencontainers.image.created (default true; the --timestamp or --source-date-epoch time when given)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cache-from -d 'Look for each step\'s image in this repository (REGISTRY/REPOSITORY, no tag) before running the step; several are tried in order' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cache-to -d 'Push each step\'s image to this repository, tagged with the step\'s cache key' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l cache-ttl -d 'Use only cache images created less than this long ago (e.g. 1h30m; 0 is --no-cache)' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand build" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand build" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand build" -l no-cache -d 'Run every step again instead of reusing the build cache'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s q -l quiet -d 'Print only the image id'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l no-hosts -d 'Leave the image\'s /etc/hosts alone in RUN steps (no --add-host entries)'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l no-hostname -d 'Leave the image\'s /etc/hostname alone in RUN steps'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l omit-history -d 'Leave the built image without history'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l squash -d 'Squash the layers the build adds into one, on top of the base image\'s layers'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l squash-all -d 'Squash all the image\'s layers, the base image\'s too, into one'
complete -c rpod -n "__fish_rpod_using_subcommand build" -l stdin -d 'Pass rpod\'s standard input to RUN steps'
complete -c rpod -n "__fish_rpod_using_subcommand build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s c -l change -d 'Apply a Dockerfile instruction to the image\'s config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s m -l message -d 'Commit message, kept in the image\'s history' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s a -l author -d 'Author of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l config -d 'A JSON file of container config fields (docker\'s schema 2 names: Env, Cmd, Labels, ...) to lay over the image\'s' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s f -l format -d 'The image format: oci (the only one rpod writes)' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s q -l quiet -d 'Print only the image id'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s p -l pause -d 'Pause a running container while its changes are read'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s s -l squash -d 'Make the image\'s layers one'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -l include-volumes -d 'Make the container\'s volumes and bind mounts (-v, --mount) volumes of the image'
complete -c rpod -n "__fish_rpod_using_subcommand commit" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand completion" -s f -l file -d 'Write the script to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand completion" -l no-desc -d 'Leave the commands\' and options\' descriptions out'
complete -c rpod -n "__fish_rpod_using_subcommand completion" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand compose" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand compose" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand compose" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "attach" -d 'Attach to a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "checkpoint" -d 'Checkpoint one or more running containers (refused: rootless checkpoints need a capability only the host\'s root has; the error says which and why)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "cleanup" -d 'Clean up what stopped containers left behind (a crashed monitor\'s cgroup), then optionally remove them and their images'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "clone" -d 'Create a copy of an existing container, with other limits, name, image or pod'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "cp" -d 'Copy files and directories between a container and the host'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "create" -d 'Create but do not start a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "diff" -d 'Show what a container changed in its image\'s file system (A added, C changed, D deleted)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "exec" -d 'Run a process in a running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "exists" -d 'Check if a container exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "export" -d 'Export a container\'s file system as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "init" -d 'Prepare containers for their start without starting them: everything a start checks and sets up short of running them (rpod keeps no state between create and start, so they stay Created)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "inspect" -d 'Display the configuration of containers or images'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "kill" -d 'Kill one or more running containers with a signal'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "mount" -d 'Mount containers\' root file systems and print where (without arguments: list the mounted ones). Unprivileged, this works inside `rpod unshare`, whose session the mounts last for'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "pause" -d 'Pause all processes in one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "port" -d 'List a container\'s published ports, or the host address of one of them'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "ls" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "list" -d 'List containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "prune" -d 'Remove all stopped containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "rename" -d 'Rename a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "restore" -d 'Restore one or more containers from a checkpoint (refused, as checkpoint is)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "restart" -d 'Restart one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "rm" -d 'Remove one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "run" -d 'Run a command in a new container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "runlabel" -d 'Run the command in a label of an image (IMAGE and NAME in it become the image and the container name; a leading podman or docker becomes rpod)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "start" -d 'Start one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "stats" -d 'Display a live stream of containers\' resource usage'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "stop" -d 'Stop one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "top" -d 'Display the running processes of a container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "unmount" -d 'Unmount containers\' root file systems mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "umount" -d 'Unmount containers\' root file systems mounted by `rpod mount`'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "update" -d 'Update the resource limits, restart policy, healthcheck, environment or ulimits of one or more containers (a running container\'s healthcheck changes at once, its timer reset)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and not __fish_seen_subcommand_from attach checkpoint cleanup clone commit cp create diff exec exists export init inspect kill logs mount pause port ls list prune rename restore restart rm run runlabel start stats stop top unpause unmount umount update wait" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Key sequence that detaches (default ctrl-p,ctrl-q; "" for none); the container needs a terminal (-t)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with false they end only this command' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s c -l compress -d 'Compression of the --export archive' -r -f -a "zstd\t''
none\t''
gzip\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l create-image -d 'Make the checkpoint an image of that name' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s e -l export -d 'Write the checkpoint to an archive' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s a -l all -d 'Checkpoint every running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l file-locks -d 'Checkpoint file locks too'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l ignore-rootfs -d 'Leave the root file system\'s changes out of the archive'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l ignore-volumes -d 'Leave the volumes\' contents out of the archive'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s k -l keep -d 'Keep CRIU\'s log and statistics files'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s R -l leave-running -d 'Leave the container running after the checkpoint'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s P -l pre-checkpoint -d 'Dump only the memory, leaving the container running'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l print-stats -d 'Print the checkpoint\'s statistics as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l tcp-established -d 'Checkpoint established TCP connections'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l with-previous -d 'Build on the last --pre-checkpoint'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s a -l all -d 'Clean up every stopped container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rm -d 'Then remove the container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l rmi -d 'Then remove its image, when no other container uses it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l name -d 'The clone\'s name (default: the original\'s with -clone)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l pod -d 'Make the clone a member of this pod, sharing its namespaces, instead of the original\'s pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original container once the clone exists; the clone keeps its anonymous volumes and its --cidfile and --pidfile'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s f -l force -d 'With --destroy: remove the original even if it runs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -l run -d 'Start the clone, detached'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply a Dockerfile instruction to the image\'s config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Commit message, kept in the image\'s history' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l config -d 'A JSON file of container config fields (docker\'s schema 2 names: Env, Cmd, Labels, ...) to lay over the image\'s' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'The image format: oci (the only one rpod writes)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Print only the image id'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause a running container while its changes are read'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Make the image\'s layers one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -l include-volumes -d 'Make the container\'s volumes and bind mounts (-v, --mount) volumes of the image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Accepted for docker compatibility: with one mapped id every file belongs to the container\'s user'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Allow a directory to replace a non-directory and a non-directory to replace a directory'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container\'s id to this file (which must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to pass rpod\'s own value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l http-proxy -d 'Pass rpod\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, either case) to the container, under the image\'s and -e\'s (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Drop a default or image environment variable (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Time zone of the container: a zone name like Europe/Berlin, or local (the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: NAME|UID[:GROUP|GID])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image ("" clears it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name (default: the short container id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop the container (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy when the container exits: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: conmon (the monitor sends READY=1 and its pid once the container runs), healthy (at its first healthy check), container (the container sends it, relayed by the monitor) or ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, label=disable, apparmor=unconfined, root-emulation=on|off' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull the image before running: missing (default), always, never, newer (pull when the registry has another digest; a failed pull falls back to the local image)' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (the default: your uid is root inside) or keep-id (your uid is itself)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l subuidname -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l subgidname -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network mode: pasta[:OPTIONS] (default), slirp4netns[:OPTIONS], host, none, container:NAME, or a network NAME[:alias=A,ip=IP,mac=MAC] (repeat for several; bridge is the default network, podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace: private (default), shareable, host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS (hostname) namespace: private (default), host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace: private, host (with the host\'s /proc) or container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace: private (the default), host (the caller\'s) or container:NAME (a running container\'s, as --ipc container: joins); ns:PATH is refused with the reason' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pod -d 'Run the container in this pod (NAME or ID), or in a new one: new:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Read the pod\'s id (from `pod create --pod-id-file`) from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Containers (comma-separated) started before this one whenever it starts' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Add a network-scoped alias for the container (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'The container\'s IPv4 address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'The container\'s MAC address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port to the host ([[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port (or range) without publishing it; -P publishes it' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set a DNS server for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Set a resolv.conf option (e.g. ndots:2)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts (NAME:IP or NAME:host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l hosts-file -d 'What /etc/hosts starts with: a file of the host (absolute path), none, or image (the image\'s /etc/hosts); rpod\'s entries follow' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Resource limits (NAME=SOFT[:HARD], e.g. nofile=1024:2048)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount or volume (SOURCE:TARGET[:ro], NAME:TARGET, or TARGET for an anonymous volume)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Mount (type=bind|volume|tmpfs,source=...,target=...[,readonly])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs (TARGET[:OPTIONS], e.g. /run:size=64m,exec)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l secret -d 'Give the container a secret (NAME[,type=mount|env][,target=PATH|VAR]): a read-only file, /run/secrets/NAME by default, or an environment variable' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Parent cgroup (absolute from the cgroup2 root, or relative to rpod\'s own cgroup)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'Whether the container gets a cgroup: enabled or disabled' -r -f -a "enabled\t''
disabled\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file for the pull (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Command to check the container\'s health: a shell command, or a JSON array (exec form); "none" disables the image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Time to start before failures count (default 0s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between checks during the start period (default 5s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-cmd -d 'Command of a startup check that runs first: the regular check starts once it passes' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-interval -d 'Time between startup checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-retries -d 'Failed startup checks in a row that restart the container (default 0: never)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-success -d 'Passed startup checks in a row before the regular check starts (default 0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-timeout -d 'Time a startup check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-log-destination -d 'Where results are also kept: local, events_logger (an event per check) or a directory (its <container id>-healthcheck.log)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-size -d 'Characters kept of each result\'s output (default 500; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container (KEY=VALUE); inspect shows it' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-merge -d 'Merge with the image\'s variable: KEY=VALUE where ${KEY} is the image\'s value (e.g. PATH=${PATH}:/opt/bin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add a supplementary group (a gid or a group of the image); keep-groups keeps yours' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'File mode creation mask of the container\'s process, octal (default 0022)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the container\'s OOM score (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l personality -d 'Execution domain of the container\'s process: LINUX or LINUX32' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container\'s process id to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Write the process id of the container\'s monitor (podman\'s conmon) to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only: writable tmpfs mounts on /tmp, /var/tmp and /run (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes, the default), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l seccomp-policy -d 'Where the seccomp profile comes from: default (the only policy rpod has; image is refused)' -r -f -a "default\t''
image\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver: k8s-file (the default; json-file is the same) or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Logging option: path=FILE (absolute), max-size=SIZE (the log starts over past it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Pass a host device the user may open (HOST[:CONTAINER][:PERMISSIONS], e.g. /dev/fuse), or a CDI device (vendor.com/class=NAME|all) from the CDI specifications' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l init-path -d 'Refused with the reason: rpod\'s --init is built in' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Kill the container (SIGKILL) once it has run this many seconds; 0: no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l gpus -d 'GPUs to add: all, the devices of the nvidia.com/gpu CDI specification' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Set a namespaced kernel parameter in the container (net.*, fs.mqueue.*, kernel.shm*, kernel.msg*, kernel.sem), e.g. net.ipv4.ip_unprivileged_port_start=0' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l systemd -d 'Run in systemd mode (tmpfs on /run, /run/lock, /tmp and /var/log/journal, stop signal SIGRTMIN+3, a writable cgroup): true (when the command is an init or systemd), false or always' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size-systemd -d 'Size of the tmpfs mounts of systemd mode (/run, /run/lock, /tmp, /var/log/journal), e.g. 64m; 0: half the host\'s memory, the kernel\'s default' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'Refused with the reason: cgroup v2 has no per-group swappiness' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Refused with the reason: cgroup v2 cannot disable the OOM killer' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd -d 'Add an /etc/passwd line for a numeric --user the image lacks, and an /etc/group line for its numeric group (and the caller\'s with --userns keep-id) (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l passwd-entry -d 'The /etc/passwd line --passwd adds: $USERNAME, $UID, $GID, $NAME, $HOME are replaced' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l group-entry -d 'The /etc/group line --passwd adds: $GROUPNAME, $GID, $USERLIST are replaced (a group the image lacks is named by its gid and lists the user)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Add this host account (a name or uid, from the host\'s passwd database) to the container\'s /etc/passwd unless the image has it (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l chrootdirs -d 'A directory in the container to chroot into: /etc/hosts, /etc/hostname and /etc/resolv.conf are bound below it too (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Automatically remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Pass every environment variable of rpod\'s own to the container (before --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Drop every default and image environment variable (-e still sets them)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run a small init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to the container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Remove a container with the same name first'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every exposed port to a random host port'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable any healthcheck, the image\'s included'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hostname -d 'Leave the image\'s /etc/hostname alone (the container\'s hostname is still set)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Leave the image\'s /etc/hosts alone (no entries for the container and --add-host)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l rootfs -d 'The first argument is not an image but a squashfs image file (`save --format squashfs`, mounted read-only with squashfuse under an overlay that takes the container\'s writes) or a directory (the root file system itself; DIR:O keeps it as it is, under an overlay)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Output format: json, or the A/C/D lines by default' -r -f -a "json\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to pass rpod\'s own value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file (KEY=VALUE lines; `-e` wins)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (it must be the container\'s user: one id is mapped)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l preserve-fds -d 'Pass this many more file descriptors to the process: 3 to 3+N-1, as they are open in rpod' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l preserve-fd -d 'Pass these file descriptors of rpod to the process, at their numbers (FD1[,FD2,...], repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l cidfile -d 'Run in the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'The keys that detach from the command\'s terminal with -it, leaving it running (default ctrl-p,ctrl-q; "" for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the command in the background'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the process'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -l no-session -d 'Record no exec session: rpod never records one (nothing lists exec sessions), so this is what exec always does'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -l external -d 'Also look at external containers: storage in the store that no record describes (left by a crash; `ps --external` lists them)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -s a -l all -d 'Prepare every container that is not running'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template, or json (the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s k -l type -d 'What to inspect: container, image, volume, artifact, or all' -r -f -a "all\t''
artifact\t''
container\t''
image\t''
volume\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Add the container\'s sizes: SizeRw (its own files) and SizeRootFs (with its image)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal every running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Output the specified number of lines at the end of logs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since TIMESTAMP or relative duration (e.g. 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs until TIMESTAMP or relative duration' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'With several containers, start each line with the container\'s name instead of its ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -l color -d 'With several containers, give each container\'s prefix a color of its own'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'Print the mounted containers as json' -r -f -a "json\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -d 'Print full container ids'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'Pause every running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'Every published port of every running container, each line after the container\'s short ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the n last created containers (all states)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by command, created (default: newest first), id, image, names, runningfor, size or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions given (status, name, id, ancestor, label, label!, exited, before, since, node)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print containers using a Go template, or json (podman\'s objects)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s w -l watch -d 'List again every N seconds until interrupted' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest container created (all states)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Display the extended information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display the total file sizes: the container\'s own and, as virtual, with its image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Also list external containers: storage in the store that no record describes (left by a crash), with the status Storage'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l all-nodes -d 'List the containers of every node sharing the store too, with a NODE column (each node lists only its own by default; another node\'s show their node as STATUS)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s p -l pod -d 'Print the pod (ID and name) of each container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l namespace -l ns -d 'Show each container\'s PID and namespaces (inode numbers) instead of the usual columns'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Sync the containers\' states with their runtime first: rpod reads each container\'s state from its live monitor at every listing, so it is always in sync'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Show the n last created containers (all states)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort by command, created (default: newest first), id, image, names, runningfor, size or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions given (status, name, id, ancestor, label, label!, exited, before, since, node)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print containers using a Go template, or json (podman\'s objects)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s w -l watch -d 'List again every N seconds until interrupted' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the latest container created (all states)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Display the extended information'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Display the total file sizes: the container\'s own and, as virtual, with its image'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l external -d 'Also list external containers: storage in the store that no record describes (left by a crash), with the status Storage'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l all-nodes -d 'List the containers of every node sharing the store too, with a NODE column (each node lists only its own by default; another node\'s show their node as STATUS)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s p -l pod -d 'Print the pod (ID and name) of each container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l namespace -l ns -d 'Show each container\'s PID and namespaces (inode numbers) instead of the usual columns'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -l sync -d 'Sync the containers\' states with their runtime first: rpod reads each container\'s state from its live monitor at every listing, so it is always in sync'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Remove only the containers these pick: label=KEY[=VALUE], label!=KEY[=VALUE], until=TIME (created before)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -s i -l import -d 'Restore the container from a checkpoint archive made by podman container checkpoint --export' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l import-previous -d 'A --pre-checkpoint archive to build on' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -s n -l name -d 'The restored container\'s name' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l pod -d 'Restore the container into this pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -s p -l publish -d 'Publish these ports instead of the container\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -s a -l all -d 'Restore every checkpointed container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l file-locks -d 'Restore file locks too'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-rootfs -d 'Leave out the archive\'s root file system changes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-static-ip -d 'Give the container a new address, not its --ip'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-static-mac -d 'Give the container a new MAC address'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-volumes -d 'Leave out the archive\'s volume contents'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -s k -l keep -d 'Keep CRIU\'s log and statistics files'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l print-stats -d 'Print the restore\'s statistics as JSON'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l tcp-close -d 'Close the container\'s TCP connections'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -l tcp-established -d 'Restore established TCP connections'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait for the stop signal before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart every container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'With --all (or --filter), only the running containers'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for a running container to stop before it is killed (with --force)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of a running container; a missing one is not an error'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'A container that does not exist (or a missing --cidfile) is no error'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'First remove the containers that depend on it (those sharing its network, IPC or UTS namespace)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach only these streams: stdin, stdout, stderr (repeatable; default: stdout and stderr, and stdin with -i)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with false they end only this command and the container runs on' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Key sequence that detaches from the container\'s terminal (default ctrl-p,ctrl-q; "" for none); only with -t, as rpod keeps no keys for a later attach' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass this many more file descriptors to the container\'s process: 3 to 3+N-1, as they are open in rpod (the container\'s monitor keeps them for its restarts)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fd -d 'Pass these file descriptors of rpod to the container\'s process, at their numbers (FD1[,FD2,...], repeatable; the monitor keeps them for its restarts)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container\'s id to this file (which must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to pass rpod\'s own value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l http-proxy -d 'Pass rpod\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, either case) to the container, under the image\'s and -e\'s (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Drop a default or image environment variable (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Time zone of the container: a zone name like Europe/Berlin, or local (the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID (format: NAME|UID[:GROUP|GID])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image ("" clears it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name (default: the short container id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop the container (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy when the container exits: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: conmon (the monitor sends READY=1 and its pid once the container runs), healthy (at its first healthy check), container (the container sends it, relayed by the monitor) or ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, label=disable, apparmor=unconfined, root-emulation=on|off' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull the image before running: missing (default), always, never, newer (pull when the registry has another digest; a failed pull falls back to the local image)' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: host (the default: your uid is root inside) or keep-id (your uid is itself)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l subuidname -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l subgidname -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Network mode: pasta[:OPTIONS] (default), slirp4netns[:OPTIONS], host, none, container:NAME, or a network NAME[:alias=A,ip=IP,mac=MAC] (repeat for several; bridge is the default network, podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace: private (default), shareable, host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS (hostname) namespace: private (default), host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace: private, host (with the host\'s /proc) or container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace: private (the default), host (the caller\'s) or container:NAME (a running container\'s, as --ipc container: joins); ns:PATH is refused with the reason' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pod -d 'Run the container in this pod (NAME or ID), or in a new one: new:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pod-id-file -d 'Read the pod\'s id (from `pod create --pod-id-file`) from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Containers (comma-separated) started before this one whenever it starts' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Add a network-scoped alias for the container (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'The container\'s IPv4 address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'The container\'s MAC address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port to the host ([[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port (or range) without publishing it; -P publishes it' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set a DNS server for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Set a resolv.conf option (e.g. ndots:2)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a line to /etc/hosts (NAME:IP or NAME:host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l hosts-file -d 'What /etc/hosts starts with: a file of the host (absolute path), none, or image (the image\'s /etc/hosts); rpod\'s entries follow' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Resource limits (NAME=SOFT[:HARD], e.g. nofile=1024:2048)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount or volume (SOURCE:TARGET[:ro], NAME:TARGET, or TARGET for an anonymous volume)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Mount (type=bind|volume|tmpfs,source=...,target=...[,readonly])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs (TARGET[:OPTIONS], e.g. /run:size=64m,exec)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l secret -d 'Give the container a secret (NAME[,type=mount|env][,target=PATH|VAR]): a read-only file, /run/secrets/NAME by default, or an environment variable' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'Parent cgroup (absolute from the cgroup2 root, or relative to rpod\'s own cgroup)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'Whether the container gets a cgroup: enabled or disabled' -r -f -a "enabled\t''
disabled\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the authentication file for the pull (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Command to check the container\'s health: a shell command, or a JSON array (exec form); "none" disables the image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Time to start before failures count (default 0s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between checks during the start period (default 5s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-cmd -d 'Command of a startup check that runs first: the regular check starts once it passes' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-interval -d 'Time between startup checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-retries -d 'Failed startup checks in a row that restart the container (default 0: never)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-success -d 'Passed startup checks in a row before the regular check starts (default 0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-timeout -d 'Time a startup check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-log-destination -d 'Where results are also kept: local, events_logger (an event per check) or a directory (its <container id>-healthcheck.log)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-size -d 'Characters kept of each result\'s output (default 500; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation to the container (KEY=VALUE); inspect shows it' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-merge -d 'Merge with the image\'s variable: KEY=VALUE where ${KEY} is the image\'s value (e.g. PATH=${PATH}:/opt/bin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add a supplementary group (a gid or a group of the image); keep-groups keeps yours' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l umask -d 'File mode creation mask of the container\'s process, octal (default 0022)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune the container\'s OOM score (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l personality -d 'Execution domain of the container\'s process: LINUX or LINUX32' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container\'s process id to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Write the process id of the container\'s monitor (podman\'s conmon) to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'With --read-only: writable tmpfs mounts on /tmp, /var/tmp and /run (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes, the default), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l seccomp-policy -d 'Where the seccomp profile comes from: default (the only policy rpod has; image is refused)' -r -f -a "default\t''
image\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver: k8s-file (the default; json-file is the same) or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Logging option: path=FILE (absolute), max-size=SIZE (the log starts over past it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Pass a host device the user may open (HOST[:CONTAINER][:PERMISSIONS], e.g. /dev/fuse), or a CDI device (vendor.com/class=NAME|all) from the CDI specifications' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l init-path -d 'Refused with the reason: rpod\'s --init is built in' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Kill the container (SIGKILL) once it has run this many seconds; 0: no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l gpus -d 'GPUs to add: all, the devices of the nvidia.com/gpu CDI specification' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Set a namespaced kernel parameter in the container (net.*, fs.mqueue.*, kernel.shm*, kernel.msg*, kernel.sem), e.g. net.ipv4.ip_unprivileged_port_start=0' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l systemd -d 'Run in systemd mode (tmpfs on /run, /run/lock, /tmp and /var/log/journal, stop signal SIGRTMIN+3, a writable cgroup): true (when the command is an init or systemd), false or always' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size-systemd -d 'Size of the tmpfs mounts of systemd mode (/run, /run/lock, /tmp, /var/log/journal), e.g. 64m; 0: half the host\'s memory, the kernel\'s default' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'Refused with the reason: cgroup v2 has no per-group swappiness' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Refused with the reason: cgroup v2 cannot disable the OOM killer' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd -d 'Add an /etc/passwd line for a numeric --user the image lacks, and an /etc/group line for its numeric group (and the caller\'s with --userns keep-id) (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l passwd-entry -d 'The /etc/passwd line --passwd adds: $USERNAME, $UID, $GID, $NAME, $HOME are replaced' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l group-entry -d 'The /etc/group line --passwd adds: $GROUPNAME, $GID, $USERLIST are replaced (a group the image lacks is named by its gid and lists the user)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Add this host account (a name or uid, from the host\'s passwd database) to the container\'s /etc/passwd unless the image has it (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l chrootdirs -d 'A directory in the container to chroot into: /etc/hosts, /etc/hostname and /etc/resolv.conf are bound below it too (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run the container in the background and print its ID'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove the image once the container has exited, unless another container uses it (implies --rm)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Automatically remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Pass every environment variable of rpod\'s own to the container (before --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Drop every default and image environment variable (-e still sets them)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run a small init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to the container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Remove a container with the same name first'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish every exposed port to a random host port'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable any healthcheck, the image\'s included'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hostname -d 'Leave the image\'s /etc/hostname alone (the container\'s hostname is still set)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Leave the image\'s /etc/hosts alone (no entries for the container and --add-host)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l rootfs -d 'The first argument is not an image but a squashfs image file (`save --format squashfs`, mounted read-only with squashfuse under an overlay that takes the container\'s writes) or a directory (the root file system itself; DIR:O keeps it as it is, under an overlay)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s n -l name -d 'The container name NAME stands for (default: the image\'s base name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l authfile -d 'Path of the authentication file for the pull' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l display -d 'Print the command instead of running it'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s q -l quiet -d 'Pull quietly'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l replace -d 'Remove a container of that name first'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'With --attach: whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with false they end only this command' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'With --attach: key sequence that detaches (default ctrl-p,ctrl-q; "" for none); the container needs a terminal (-t)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach the container\'s output (and with -i its input)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach the container\'s stdin'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start every container that is not running'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Go template, table or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between the refreshes of the streamed table' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one reading instead of streaming'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show every container (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the terminal between refreshes (each table follows the last)'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Show full container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for the stop signal before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop every running container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'A container that does not exist (or a missing --cidfile) is no error'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Unpause every paused container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every mounted container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even while a process uses the tree; clear another session\'s mark'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount every mounted container'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s f -l force -d 'Unmount even while a process uses the tree; clear another session\'s mark'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-cmd -d 'Command to check the container\'s health: a shell command, or a JSON array (exec form); "none" disables the image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-interval -d 'Time between checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-start-period -d 'Time to start before failures count (default 0s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-start-interval -d 'Time between checks during the start period (default 5s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-cmd -d 'Command of a startup check that runs first: the regular check starts once it passes' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-interval -d 'Time between startup checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-retries -d 'Failed startup checks in a row that restart the container (default 0: never)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-success -d 'Passed startup checks in a row before the regular check starts (default 0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-timeout -d 'Time a startup check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-log-destination -d 'Where results are also kept: local, events_logger (an event per check) or a directory (its <container id>-healthcheck.log)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l health-max-log-size -d 'Characters kept of each result\'s output (default 500; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY for rpod\'s own value): new execs see it at once, the container\'s process at its next start' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l unsetenv -d 'Remove an environment variable: new execs at once, the container\'s process at its next start' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l ulimit -d 'Set a resource limit (TYPE=SOFT[:HARD]), applied at the container\'s next start' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -l no-healthcheck -d 'Disable any healthcheck, the image\'s included'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'The state to wait for: created, running, paused, exited or stopped (the default), removing, healthy, unhealthy; several wait for the first' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'How often to look (a duration such as 250ms or 1s; a bare number is milliseconds)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l ignore -d 'A container that does not exist is no error: its code prints as -1'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -l exit-first-match -d 'Wait only for the first of the containers to meet the condition, and print its code'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s a -l archive -d 'Accepted for docker compatibility: with one mapped id every file belongs to the container\'s user'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -l overwrite -d 'Allow a directory to replace a non-directory and a non-directory to replace a directory'
complete -c rpod -n "__fish_rpod_using_subcommand cp" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cidfile -d 'Write the container\'s id to this file (which must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to pass rpod\'s own value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-file -d 'Read environment variables from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l http-proxy -d 'Pass rpod\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, either case) to the container, under the image\'s and -e\'s (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l unsetenv -d 'Drop a default or image environment variable (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tz -d 'Time zone of the container: a zone name like Europe/Berlin, or local (the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s u -l user -d 'Username or UID (format: NAME|UID[:GROUP|GID])' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image ("" clears it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s h -l hostname -d 'Container host name (default: the short container id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-signal -d 'Signal to stop the container (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l restart -d 'Restart policy when the container exits: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: conmon (the monitor sends READY=1 and its pid once the container runs), healthy (at its first healthy check), container (the container sends it, relayed by the monitor) or ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, label=disable, apparmor=unconfined, root-emulation=on|off' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pull -d 'Pull the image before running: missing (default), always, never, newer (pull when the registry has another digest; a failed pull falls back to the local image)' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l userns -d 'User namespace: host (the default: your uid is root inside) or keep-id (your uid is itself)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l uidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l gidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l subuidname -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l subgidname -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l network -d 'Network mode: pasta[:OPTIONS] (default), slirp4netns[:OPTIONS], host, none, container:NAME, or a network NAME[:alias=A,ip=IP,mac=MAC] (repeat for several; bridge is the default network, podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ipc -d 'IPC namespace: private (default), shareable, host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l uts -d 'UTS (hostname) namespace: private (default), host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pid -d 'PID namespace: private, host (with the host\'s /proc) or container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroupns -d 'Cgroup namespace: private (the default), host (the caller\'s) or container:NAME (a running container\'s, as --ipc container: joins); ns:PATH is refused with the reason' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pod -d 'Run the container in this pod (NAME or ID), or in a new one: new:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pod-id-file -d 'Read the pod\'s id (from `pod create --pod-id-file`) from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l requires -d 'Containers (comma-separated) started before this one whenever it starts' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l network-alias -d 'Add a network-scoped alias for the container (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ip -d 'The container\'s IPv4 address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l mac-address -d 'The container\'s MAC address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s p -l publish -d 'Publish a container\'s port to the host ([[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL])' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l expose -d 'Expose a port (or range) without publishing it; -P publishes it' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns -d 'Set a DNS server for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l dns-option -d 'Set a resolv.conf option (e.g. ndots:2)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l add-host -d 'Add a line to /etc/hosts (NAME:IP or NAME:host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l hosts-file -d 'What /etc/hosts starts with: a file of the host (absolute path), none, or image (the image\'s /etc/hosts); rpod\'s entries follow' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l ulimit -d 'Resource limits (NAME=SOFT[:HARD], e.g. nofile=1024:2048)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s v -l volume -d 'Bind mount or volume (SOURCE:TARGET[:ro], NAME:TARGET, or TARGET for an anonymous volume)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l mount -d 'Mount (type=bind|volume|tmpfs,source=...,target=...[,readonly])' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tmpfs -d 'Mount a tmpfs (TARGET[:OPTIONS], e.g. /run:size=64m,exec)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l secret -d 'Give the container a secret (NAME[,type=mount|env][,target=PATH|VAR]): a read-only file, /run/secrets/NAME by default, or an environment variable' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroup-parent -d 'Parent cgroup (absolute from the cgroup2 root, or relative to rpod\'s own cgroup)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cgroups -d 'Whether the container gets a cgroup: enabled or disabled' -r -f -a "enabled\t''
disabled\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l authfile -d 'Path of the authentication file for the pull (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-cmd -d 'Command to check the container\'s health: a shell command, or a JSON array (exec form); "none" disables the image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-interval -d 'Time between checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-start-period -d 'Time to start before failures count (default 0s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-start-interval -d 'Time between checks during the start period (default 5s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-cmd -d 'Command of a startup check that runs first: the regular check starts once it passes' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-interval -d 'Time between startup checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-retries -d 'Failed startup checks in a row that restart the container (default 0: never)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-success -d 'Passed startup checks in a row before the regular check starts (default 0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-startup-timeout -d 'Time a startup check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-log-destination -d 'Where results are also kept: local, events_logger (an event per check) or a directory (its <container id>-healthcheck.log)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l health-max-log-size -d 'Characters kept of each result\'s output (default 500; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l annotation -d 'Add an annotation to the container (KEY=VALUE); inspect shows it' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-merge -d 'Merge with the image\'s variable: KEY=VALUE where ${KEY} is the image\'s value (e.g. PATH=${PATH}:/opt/bin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l shm-size -d 'Size of /dev/shm (default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l group-add -d 'Add a supplementary group (a gid or a group of the image); keep-groups keeps yours' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l umask -d 'File mode creation mask of the container\'s process, octal (default 0022)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l oom-score-adj -d 'Tune the container\'s OOM score (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l personality -d 'Execution domain of the container\'s process: LINUX or LINUX32' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l pidfile -d 'Write the container\'s process id to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l conmon-pidfile -d 'Write the process id of the container\'s monitor (podman\'s conmon) to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only-tmpfs -d 'With --read-only: writable tmpfs mounts on /tmp, /var/tmp and /run (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes, the default), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l seccomp-policy -d 'Where the seccomp profile comes from: default (the only policy rpod has; image is refused)' -r -f -a "default\t''
image\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-driver -d 'Logging driver: k8s-file (the default; json-file is the same) or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-opt -d 'Logging option: path=FILE (absolute), max-size=SIZE (the log starts over past it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l device -d 'Pass a host device the user may open (HOST[:CONTAINER][:PERMISSIONS], e.g. /dev/fuse), or a CDI device (vendor.com/class=NAME|all) from the CDI specifications' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l init-path -d 'Refused with the reason: rpod\'s --init is built in' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l timeout -d 'Kill the container (SIGKILL) once it has run this many seconds; 0: no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l gpus -d 'GPUs to add: all, the devices of the nvidia.com/gpu CDI specification' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l sysctl -d 'Set a namespaced kernel parameter in the container (net.*, fs.mqueue.*, kernel.shm*, kernel.msg*, kernel.sem), e.g. net.ipv4.ip_unprivileged_port_start=0' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l systemd -d 'Run in systemd mode (tmpfs on /run, /run/lock, /tmp and /var/log/journal, stop signal SIGRTMIN+3, a writable cgroup): true (when the command is an init or systemd), false or always' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l shm-size-systemd -d 'Size of the tmpfs mounts of systemd mode (/run, /run/lock, /tmp, /var/log/journal), e.g. 64m; 0: half the host\'s memory, the kernel\'s default' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l memory-swappiness -d 'Refused with the reason: cgroup v2 has no per-group swappiness' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l oom-kill-disable -d 'Refused with the reason: cgroup v2 cannot disable the OOM killer' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l passwd -d 'Add an /etc/passwd line for a numeric --user the image lacks, and an /etc/group line for its numeric group (and the caller\'s with --userns keep-id) (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l passwd-entry -d 'The /etc/passwd line --passwd adds: $USERNAME, $UID, $GID, $NAME, $HOME are replaced' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l group-entry -d 'The /etc/group line --passwd adds: $GROUPNAME, $GID, $USERLIST are replaced (a group the image lacks is named by its gid and lists the user)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l hostuser -d 'Add this host account (a name or uid, from the host\'s passwd database) to the container\'s /etc/passwd unless the image has it (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l chrootdirs -d 'A directory in the container to chroot into: /etc/hosts, /etc/hostname and /etc/resolv.conf are bound below it too (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand create" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand create" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand create" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rm -d 'Automatically remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l env-host -d 'Pass every environment variable of rpod\'s own to the container (before --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l unsetenv-all -d 'Drop every default and image environment variable (-e still sets them)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l init -d 'Run a small init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l privileged -d 'Give extended privileges to the container'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l replace -d 'Remove a container with the same name first'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s P -l publish-all -d 'Publish every exposed port to a random host port'
complete -c rpod -n "__fish_rpod_using_subcommand create" -s q -l quiet -d 'Suppress pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l no-healthcheck -d 'Disable any healthcheck, the image\'s included'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l no-hostname -d 'Leave the image\'s /etc/hostname alone (the container\'s hostname is still set)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l no-hosts -d 'Leave the image\'s /etc/hosts alone (no entries for the container and --add-host)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l rootfs -d 'The first argument is not an image but a squashfs image file (`save --format squashfs`, mounted read-only with squashfuse under an overlay that takes the container\'s writes) or a directory (the root file system itself; DIR:O keeps it as it is, under an overlay)'
complete -c rpod -n "__fish_rpod_using_subcommand create" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l format -d 'Output format: json, or the A/C/D lines by default' -r -f -a "json\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand diff" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand diff" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to pass rpod\'s own value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l env-file -d 'Read environment variables from a file (KEY=VALUE lines; `-e` wins)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s u -l user -d 'Username or UID (it must be the container\'s user: one id is mapped)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l preserve-fds -d 'Pass this many more file descriptors to the process: 3 to 3+N-1, as they are open in rpod' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l preserve-fd -d 'Pass these file descriptors of rpod to the process, at their numbers (FD1[,FD2,...], repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l cidfile -d 'Run in the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l detach-keys -d 'The keys that detach from the command\'s terminal with -it, leaving it running (default ctrl-p,ctrl-q; "" for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s d -l detach -d 'Run the command in the background'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l privileged -d 'Give extended privileges to the process'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -l no-session -d 'Record no exec session: rpod never records one (nothing lists exec sessions), so this is what exec always does'
complete -c rpod -n "__fish_rpod_using_subcommand exec" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand export" -s o -l output -d 'Write to a file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand export" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand export" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l no-trunc -d 'Do not truncate the output'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "diff" -d 'Show what an image changes in the file system (A added, C changed, D deleted): against its parent, or against another image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "exists" -d 'Check if an image exists in local storage (exit 0 if it does, 1 if not); a manifest list exists when its image for this platform does'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "import" -d 'Import a root file system tarball to create an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "inspect" -d 'Display the configuration of an image (of a manifest list: its image for this platform)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "load" -d 'Load images from an archive (docker-archive, oci-archive or oci-dir)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "list" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "mount" -d 'Mount images\' trees read-only and print where (without arguments: list the mounted ones). Unprivileged, this works inside `rpod unshare`, whose session the mounts last for'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "prune" -d 'Remove unused images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "push" -d 'Push an image to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "save" -d 'Save images to an archive'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "search" -d 'Search registries for images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "sign" -d 'Create a signature for an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "tree" -d 'Show an image\'s layers as a tree'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "trust" -d 'Manage container image trust policy'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "unmount" -d 'Unmount images mounted by `rpod image mount`'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "umount" -d 'Unmount images mounted by `rpod image mount`'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from build diff exists history import inspect load ls list mount prune pull push rm save search sign tag tree trust unmount umount untag" -f -a "untag" -d 'Remove names from a local image (all of them when none is given)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name the image (several allowed); a name without registry is local (localhost/NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile or Dockerfile to use (default: CONTEXT/Containerfile, then CONTEXT/Dockerfile); - reads it from stdin' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build-time variable (NAME=VALUE, or NAME to take it from the environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build the stage of this name (and the stages it needs), not the last one' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: always (the default of a bare --pull), missing (the default) or never' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Set a label on the image (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'The network RUN steps use: pasta, slirp4netns, host or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l manifest -d 'Add the image to this manifest list, creating the list if it does not exist' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file for the base images\' pulls (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'Pass a secret to `RUN --mount=type=secret,id=ID` steps (mounted at /run/secrets/ID by default), never stored in the image: its value is the file or environment variable that src= (or env=, or the id) names' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a line to /etc/hosts of RUN steps (NAME:IP or NAME:host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l dns -d 'Set a DNS server for RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-option -d 'Set a resolv.conf option for RUN steps (e.g. ndots:2)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-search -d 'Set a DNS search domain for RUN steps (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind mount or volume for RUN steps only (SOURCE:TARGET[:ro]); not part of the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add Linux capabilities to RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop Linux capabilities from RUN steps' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps, as run\'s --security-opt' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Resource limits of RUN steps (NAME=SOFT[:HARD], e.g. nofile=1024:2048)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm in RUN steps (default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Parent cgroup of RUN steps (absolute from the cgroup2 root, or relative to rpod\'s own)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l group-add -d 'Add a supplementary group to RUN steps (a gid or a group of the image)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l device -d 'Add a host device to RUN steps (HOST[:CONTAINER][:PERMISSIONS]) or a CDI device' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace of RUN steps: private (container, the only one rpod gives them)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace of RUN steps: private (container) or host' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace of RUN steps: private (container), as run\'s --pid' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace of RUN steps: private (container) or host' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l userns -d 'User namespace of RUN steps, as run\'s --userns (container: the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'Read build arguments from this file (ARG=VALUE lines; # comments); --build-arg wins' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Set a variable in the built image (KEY=VALUE, or KEY to take it from the environment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetenv -d 'Remove a variable from the built image, inherited or not' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetlabel -d 'Remove a label from the built image, inherited or not' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'The ignore file to use instead of the context\'s .containerignore or .dockerignore' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Use and keep the build cache of intermediate images (default true); false neither reuses nor keeps any step' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove each RUN step\'s container when it ends (the only way rpod builds; false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove each RUN step\'s container even when the build fails (always; false is refused)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'The image format: oci (the only one rpod writes)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l source-date-epoch -d 'The created time of the image and its history, in seconds since the epoch (default: $SOURCE_DATE_EPOCH, else now); also the SOURCE_DATE_EPOCH build argument' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'The created time of the image and its history, and the time of every file in the layers the build adds, in seconds since the epoch: reproducible builds' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'A further build context, for COPY --from=NAME: NAME=DIR (directories only)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Also write the built image\'s files: DIR, type=local,dest=DIR, or type=tar,dest=FILE (- for standard output, which then carries nothing else); device nodes are left out' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l layer-label -d 'Set a label on every intermediate image, not on the result (KEY[=VALUE])' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l identity-label -d 'Add the io.buildah.version label naming the builder (default true, false with --source-date-epoch or $SOURCE_DATE_EPOCH)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l inherit-labels -d 'Keep the labels of the base image or base stages (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Build only the stages the target needs (default true); false builds every stage up to the target' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'Stages to build at once: rpod builds one at a time, so any N is accepted and noted' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l from -d 'Build on this image instead of the one the first FROM names' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the built image\'s manifest (KEY=VALUE; OCI images only)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetannotation -d 'Remove an annotation the base image\'s manifest has from the built image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l inherit-annotations -d 'Keep the annotations of the base image or base stage (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l created-annotation -d 'Annotate the image with its creation time, org.opencontainers.image.created (default true; the --timestamp or --source-date-epoch time when given)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-from -d 'Look for each step\'s image in this repository (REGISTRY/REPOSITORY, no tag) before running the step; several are tried in order' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-to -d 'Push each step\'s image to this repository, tagged with the step\'s cache key' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Use only cache images created less than this long ago (e.g. 1h30m; 0 is --no-cache)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Run every step again instead of reusing the build cache'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'Leave the image\'s /etc/hosts alone in RUN steps (no --add-host entries)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hostname -d 'Leave the image\'s /etc/hostname alone in RUN steps'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l omit-history -d 'Leave the built image without history'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the layers the build adds into one, on top of the base image\'s layers'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all the image\'s layers, the base image\'s too, into one'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -l stdin -d 'Pass rpod\'s standard input to RUN steps'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l format -d 'Output format: json, or the A/C/D lines by default' -r -f -a "json\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, …)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Set a commit message for the imported image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l arch -d 'Set the architecture of the imported image (default: the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l os -d 'Set the operating system of the imported image (default: the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l variant -d 'Set the variant of the imported image\'s architecture (e.g. v7)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template, or json (the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from this archive file or OCI directory instead of standard input' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions given (dangling=BOOL, reference=NAME, label=KEY[=VALUE], manifest=BOOL)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print images using a Go template, or json; `{{.Store}}` is the data directory holding the image (the user\'s own or an additional image store), `{{.ReadOnly}}` true for an additional store\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (newest first, the default), id, repository (then tag), size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions given (dangling=BOOL, reference=NAME, label=KEY[=VALUE], manifest=BOOL)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print images using a Go template, or json; `{{.Store}}` is the data directory holding the image (the user\'s own or an additional image store), `{{.ReadOnly}}` true for an additional store\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created (newest first, the default), id, repository (then tag), size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l format -d 'Print the mounted images as json' -r -f -a "json\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Remove only the images these pick: label=KEY[=VALUE], label!=KEY[=VALUE], until=TIME (created before)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images not in use by containers, not just dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l external -d 'Also remove the storage of containers rpod has no record of (left by a crash; rpod system check lists them), each named on stderr'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull every tagged image of the repository'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the manifest digest of the pushed image to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the pushed image with this GPG key (simple signing); the signature goes to the destination\'s signature storage (registries.d lookaside-staging or lookaside)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign the pushed image with this sigstore private key (cosign\'s encrypted PEM); the signature is attached to the image in the registry, which registries.d must allow (use-sigstore-attachments: true)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'Read the signing key\'s passphrase from this file (for --sign-by and --sign-by-sigstore-private-key) instead of asking for it' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest type to push: oci, or v2s2 (Docker\'s) [default: the type the image has]' -r -f -a "oci\t''
v2s2\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compress the layers push rebuilds with gzip or zstd (zstd:chunked is refused: rpod does not write its table of contents) [default: rpod.toml\'s [push] compression-format, else gzip]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level: gzip 1-9 (default 6), zstd 1-20 (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l force-compression -d 'Recompress a layer whose blob the registry holds in another compression instead of reusing it [default: true with --compression-format, else false]' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress output information when pushing images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove images with several names, and the containers made from an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'An image that does not exist is no error'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Keep the unnamed build steps below the image (by default those nothing else uses go with it)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file (or directory for oci-dir) instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format: docker-archive, oci-archive, oci-dir, or squashfs (one file holding the flattened image, for HPC; needs --output)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l limit -d 'Results per registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -s f -l filter -d 'Filter results (stars=N, is-official=BOOL, is-automated=BOOL)' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l format -d 'Pretty-print results using a Go template (.Index .Name .Description .Stars .Official .Automated .Tag), or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l list-tags -d 'List the tags of the image TERM names (REGISTRY/REPOSITORY) instead'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l compatible -d 'Also show the STARS, OFFICIAL and AUTOMATED columns, as docker does'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -l no-trunc -d 'Do not truncate descriptions (accepted for podman\'s scripts: the registries\' lists rpod reads describe nothing, so nothing is cut)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -s d -l directory -d 'Store the signatures below this directory instead of the registries.d storage' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -l sign-by -d 'The GPG key (id, fingerprint or user id of your keyring) to sign with' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -s a -l all -d 'Sign every manifest of a multi-architecture image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tree" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tree" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tree" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tree" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tree" -l whatrequires -d 'Show the images built on this one instead of its own layers'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tree" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from trust" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from trust" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from trust" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from trust" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from trust" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from trust" -f -a "set" -d 'Set default trust policy or a new trust policy for a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from trust" -f -a "show" -d 'Display trust policy for the system'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every mounted image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even while a process uses the tree'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount every mounted image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -s f -l force -d 'Unmount even while a process uses the tree'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s f -l filter -d 'Filter output based on conditions given (dangling=BOOL, reference=NAME, label=KEY[=VALUE], manifest=BOOL)' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l format -d 'Pretty-print images using a Go template, or json; `{{.Store}}` is the data directory holding the image (the user\'s own or an additional image store), `{{.ReadOnly}}` true for an additional store\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l sort -d 'Sort by created (newest first, the default), id, repository (then tag), size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, …)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -s m -l message -d 'Set a commit message for the imported image' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l arch -d 'Set the architecture of the imported image (default: the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l os -d 'Set the operating system of the imported image (default: the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l variant -d 'Set the variant of the imported image\'s architecture (e.g. v7)' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand import" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand import" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand import" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand init" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand init" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand init" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand init" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand init" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand init" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand init" -s a -l all -d 'Prepare every container that is not running'
complete -c rpod -n "__fish_rpod_using_subcommand init" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand init" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s f -l format -d 'Format the output using a Go template, or json (the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s k -l type -d 'What to inspect: container, image, volume, artifact, or all' -r -f -a "all\t''
artifact\t''
container\t''
image\t''
volume\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s s -l size -d 'Add the container\'s sizes: SizeRw (its own files) and SizeRootFs (with its image)'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s l -l latest -d 'Inspect the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kill" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s a -l all -d 'Signal every running container'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -f -a "generate" -d 'Generate Kubernetes YAML (a Pod, Deployment, DaemonSet or Job) from containers or pods'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -f -a "play" -d 'Create pods, containers and volumes from Kubernetes YAML (Pod, Deployment, DaemonSet, Job, ConfigMap, Secret, PersistentVolumeClaim)'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -f -a "down" -d 'Remove the pods (and their containers) that kube play made from this YAML'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s f -l filename -d 'Write the YAML to this file instead of stdout' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s t -l type -d 'The kind to generate: pod, deployment, daemonset or job' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s r -l replicas -d 'The Deployment\'s number of replicas (with --type deployment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s s -l service -d 'Add a Service (type NodePort) for the published ports'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l start -d 'Start the pods once created (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l network -d 'The pods\' network: pasta, slirp4netns, none, host or a network\'s name' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish -d 'Publish a port on each pod ([IP:][HOSTPORT:]PORT[/PROTO]), over the YAML\'s hostPort for the same container port' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l configmap -d 'A file of ConfigMaps the YAML\'s containers use (repeatable, or comma-separated)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l authfile -d 'Path of the authentication file for the pulls (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l build -d 'Build an image from DIR/NAME/Containerfile (or Dockerfile) even when the store has it; --build=false never builds (default: build only images the store lacks)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l context-dir -d 'The directory DIR holding the images\' build directories (default: the working directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l annotation -d 'Add an annotation (KEY=VALUE) to every container made' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-driver -d 'Every container\'s logging driver: k8s-file (the default; json-file is the same) or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-opt -d 'A logging driver option for every container (path=FILE, max-size=SIZE, tag=TEMPLATE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l userns -d 'The pods\' user namespace, as pod create --userns (host or keep-id[:uid=U,gid=G])' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l ip -d 'A pod\'s IPv4 address on its user-defined network: the first --ip is the first pod\'s, the second the second\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l mac-address -d 'A pod\'s MAC address on its user-defined network, one per pod as --ip' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l replace -d 'Remove pods and containers of the same names first'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l down -d 'Remove what the YAML made instead, as kube down does'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l force -d 'With --down: remove the YAML\'s named volumes (its PersistentVolumeClaims) too'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -s q -l quiet -d 'Show no pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -s w -l wait -d 'Run in the foreground until every container has exited or rpod gets SIGINT or SIGTERM (Ctrl-C), then remove the pods, containers and volumes made'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l no-hosts -d 'Leave /etc/hosts of the pods\' containers alone'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l no-hostname -d 'Do not create /etc/hostname in the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish-all -d 'Publish every containerPort of the YAML, on its hostPort or else on the same port'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -l no-pod-prefix -d 'Name the containers as in the YAML, not POD-CONTAINER'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from play" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -l force -d 'Remove the YAML\'s named volumes (its PersistentVolumeClaims) too'
complete -c rpod -n "__fish_rpod_using_subcommand kube; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand play; and not __fish_seen_subcommand_from kube" -f -a "kube" -d 'podman 4\'s name for `kube play`'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l start -d 'Start the pods once created (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l network -d 'The pods\' network: pasta, slirp4netns, none, host or a network\'s name' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish -d 'Publish a port on each pod ([IP:][HOSTPORT:]PORT[/PROTO]), over the YAML\'s hostPort for the same container port' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l configmap -d 'A file of ConfigMaps the YAML\'s containers use (repeatable, or comma-separated)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l authfile -d 'Path of the authentication file for the pulls (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l build -d 'Build an image from DIR/NAME/Containerfile (or Dockerfile) even when the store has it; --build=false never builds (default: build only images the store lacks)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l context-dir -d 'The directory DIR holding the images\' build directories (default: the working directory)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l annotation -d 'Add an annotation (KEY=VALUE) to every container made' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-driver -d 'Every container\'s logging driver: k8s-file (the default; json-file is the same) or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-opt -d 'A logging driver option for every container (path=FILE, max-size=SIZE, tag=TEMPLATE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l userns -d 'The pods\' user namespace, as pod create --userns (host or keep-id[:uid=U,gid=G])' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l ip -d 'A pod\'s IPv4 address on its user-defined network: the first --ip is the first pod\'s, the second the second\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l mac-address -d 'A pod\'s MAC address on its user-defined network, one per pod as --ip' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l replace -d 'Remove pods and containers of the same names first'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l down -d 'Remove what the YAML made instead, as kube down does'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l force -d 'With --down: remove the YAML\'s named volumes (its PersistentVolumeClaims) too'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -s q -l quiet -d 'Show no pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -s w -l wait -d 'Run in the foreground until every container has exited or rpod gets SIGINT or SIGTERM (Ctrl-C), then remove the pods, containers and volumes made'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l no-hosts -d 'Leave /etc/hosts of the pods\' containers alone'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l no-hostname -d 'Do not create /etc/hostname in the pods\' containers'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish-all -d 'Publish every containerPort of the YAML, on its hostPort or else on the same port'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -l no-pod-prefix -d 'Name the containers as in the YAML, not POD-CONTAINER'
complete -c rpod -n "__fish_rpod_using_subcommand play; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s i -l input -d 'Read from this archive file or OCI directory instead of standard input' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand load" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand load" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand load" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand load" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand search" -l limit -d 'Results per registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand search" -s f -l filter -d 'Filter results (stars=N, is-official=BOOL, is-automated=BOOL)' -r
complete -c rpod -n "__fish_rpod_using_subcommand search" -l format -d 'Pretty-print results using a Go template (.Index .Name .Description .Stars .Official .Automated .Tag), or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand search" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand search" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand search" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand search" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand search" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand search" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand search" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand search" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand search" -l list-tags -d 'List the tags of the image TERM names (REGISTRY/REPOSITORY) instead'
complete -c rpod -n "__fish_rpod_using_subcommand search" -l compatible -d 'Also show the STARS, OFFICIAL and AUTOMATED columns, as docker does'
complete -c rpod -n "__fish_rpod_using_subcommand search" -l no-trunc -d 'Do not truncate descriptions (accepted for podman\'s scripts: the registries\' lists rpod reads describe nothing, so nothing is cut)'
complete -c rpod -n "__fish_rpod_using_subcommand search" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s u -l username -d 'Username for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -s p -l password -d 'Password for the registry (prefer --password-stdin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, else podman\'s auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l compat-auth-file -d 'Write the credentials to this Docker-compatible file (a docker config.json) instead' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l secret -d 'Read the password from the secret NAME (and, without --username, log in as NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s v -l verbose -d 'Say which credentials file was used'
complete -c rpod -n "__fish_rpod_using_subcommand login" -l get-login -d 'Print the user name logged in to REGISTRY, or fail when there is none'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, else podman\'s auth.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l compat-auth-file -d 'Remove the credentials from this Docker-compatible file (a docker config.json) instead' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -f -a "systemd" -d 'Generate systemd units that run a container (Type=notify) or a pod and its containers'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -f -a "kube" -d 'podman 4\'s name for `kube generate`'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'systemd\'s Restart= for the unit (default on-failure)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'Add After= dependencies' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Add Wants= dependencies' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Add Requires= dependencies' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'The containers\' unit name prefix' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l pod-prefix -d 'The pods\' unit name prefix' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'What joins the prefix and the name or id in a unit\'s name' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'systemd\'s RestartSec=: seconds to wait before a restart' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'systemd\'s TimeoutStartSec=, in seconds' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l stop-timeout -d 'Seconds a stop waits before it kills, instead of the container\'s own' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Set an environment variable in the units (KEY=VALUE; KEY alone takes the host\'s value if it has one; KEY* takes every host variable starting with KEY)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l format -d 'Print the units (or with --files their paths) as JSON: an object of unit names' -r -f -a "json\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create the container when the unit starts and remove it when it stops'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Use the container\'s name instead of its id'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write the unit to a file in the current directory and print its path'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'Leave out the header line saying which rpod generated the unit'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l template -d 'Make a template unit (NAME@.service) whose instances run containers NAME-INSTANCE; implies --new (containers only)'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s f -l filename -d 'Write the YAML to this file instead of stdout' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s t -l type -d 'The kind to generate: pod, deployment, daemonset or job' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s r -l replicas -d 'The Deployment\'s number of replicas (with --type deployment)' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s s -l service -d 'Add a Service (type NodePort) for the published ports'
complete -c rpod -n "__fish_rpod_using_subcommand generate; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -f -a "run" -d 'Run a container\'s healthcheck now: exit 0 when it passes, 1 when it fails'
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l tail -d 'Output the specified number of lines at the end of logs' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l since -d 'Show logs since TIMESTAMP or relative duration (e.g. 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l until -d 'Show logs until TIMESTAMP or relative duration' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s t -l timestamps -d 'Show timestamps'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s n -l names -d 'With several containers, start each line with the container\'s name instead of its ID'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -l color -d 'With several containers, give each container\'s prefix a color of its own'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "add" -d 'Add images to a manifest list'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "annotate" -d 'Add or change the platform and annotations of an entry of a manifest list'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "create" -d 'Create a manifest list, optionally with images in it'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "exists" -d 'Check if a manifest list exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "inspect" -d 'Display a manifest list or image index, local or in a registry'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "push" -d 'Push a manifest list and its images to a registry'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "remove" -d 'Remove an entry from a manifest list'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and not __fish_seen_subcommand_from add annotate create exists inspect push remove rm" -f -a "rm" -d 'Remove manifest lists from local storage (their images stay)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l annotation -d 'Set an annotation on the entry (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l arch -d 'Record this architecture for the image (amd64, arm64, …)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os -d 'Record this operating system for the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l variant -d 'Record this variant of the architecture (e.g. v7, v8)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-version -d 'Record this operating system version for the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l features -d 'Record these features the image needs (comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-features -d 'Record these operating system features the image needs (comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -l all -d 'When an image is a list in a registry, add every image of it, not only the host platform\'s (or the one --arch, --os, --variant name)'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l annotation -d 'Set an annotation on the entry, or with --index on the list\'s index (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'Record this architecture for the image (amd64, arm64, …)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'Record this operating system for the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'Record this variant of the architecture (e.g. v7, v8)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-version -d 'Record this operating system version for the image' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l features -d 'Record these features the image needs (comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-features -d 'Record these operating system features the image needs (comma-separated)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l index -d 'Put the --annotation values on the index itself'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l annotation -d 'Set an annotation on the list\'s index (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -l all -d 'Add every image of an image given that is itself a list in a registry, not only the host platform\'s'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Use the list of that name if it exists, instead of failing'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l all -d 'Push the list\'s images too, not only the list' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest list type to push: oci (an OCI index) or v2s2 (a Docker manifest list, its images as Docker manifests)' -r -f -a "oci\t''
v2s2\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed list to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-format -d 'Compress the layers push rebuilds with gzip or zstd (zstd:chunked is refused: rpod does not write its table of contents) [default: rpod.toml\'s [push] compression-format, else gzip]' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level: gzip 1-9 (default 6), zstd 1-20 (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l force-compression -d 'Recompress a layer whose blob the registry holds in another compression instead of reusing it [default: true with --compression-format, else false]' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l add-compression -d 'Push each image once more with this compression (gzip or zstd) and list that instance too, after the originals; repeatable' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -l rm -d 'Remove the list from local storage once it is pushed'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress progress output'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail for a list that does not exist'
complete -c rpod -n "__fish_rpod_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l format -d 'Print the mounted containers as json' -r -f -a "json\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s a -l all -d 'Mount every container'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -l no-trunc -d 'Print full container ids'
complete -c rpod -n "__fish_rpod_using_subcommand mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "connect" -d 'Connect a container to a network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "create" -d 'Create a network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "exists" -d 'Check if a network exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "ls" -d 'List networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "list" -d 'List networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "prune" -d 'Remove networks no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "reload" -d 'Restore the network connectivity of running containers'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "rm" -d 'Remove one or more networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "remove" -d 'Remove one or more networks'
complete -c rpod -n "__fish_rpod_using_subcommand network; and not __fish_seen_subcommand_from connect create disconnect exists inspect ls list prune reload rm remove update" -f -a "update" -d 'Update a network\'s DNS servers'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'A name the container also answers to on this network' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'The container\'s IPv4 address on this network' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l mac-address -d 'The container\'s MAC address on this network' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Network driver (only bridge)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR form (default: the first free /24 from 10.89.0.0)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway of the subnet (default: its first address)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l ip-range -d 'Addresses containers get: a CIDR inside the subnet, or START-END' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l dns -d 'DNS servers containers on this network use' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set metadata on the network (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options (bridge: mtu=N)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'Keep the network off the outside world'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l disable-dns -d 'Do not resolve container names on this network'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed quietly when the network exists'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Disconnect even when the running container\'s interface cannot be removed'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template, or json (the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (name=, id=, label=, driver=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print networks using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print network names only'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate the network ID'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output (name=, id=, label=, driver=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print networks using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print network names only'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate the network ID'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Remove only the networks these pick: label=KEY[=VALUE], label!=KEY[=VALUE], until=TIME (created before)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -s a -l all -d 'Reload every running container'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -s l -l latest -d 'Reload the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds the containers using the network get to stop before they are killed (with --force; default: killed at once)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the network\'s containers too; a missing network is not an error'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -s t -l time -d 'Seconds the containers using the network get to stop before they are killed (with --force; default: killed at once)' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the network\'s containers too; a missing network is not an error'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from update" -l dns-add -d 'Add DNS servers to the network\'s list' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from update" -l dns-drop -d 'Remove DNS servers from the network\'s list' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from update" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from update" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from update" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from update" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand network; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pause" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s a -l all -d 'Pause every running container'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "clone" -d 'Create a copy of an existing pod: its settings, infra container and containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "create" -d 'Create a new pod, with an infra container holding its shared namespaces'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "exists" -d 'Check if a pod exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "inspect" -d 'Display detailed information on one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "kill" -d 'Send a signal to the containers of one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "logs" -d 'Fetch the logs of the containers of a pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "pause" -d 'Pause the running containers of one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "ps" -d 'List pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "ls" -d 'List pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "prune" -d 'Remove every pod none of whose containers runs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "restart" -d 'Restart one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "rm" -d 'Remove one or more pods and their containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "remove" -d 'Remove one or more pods and their containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "start" -d 'Start one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "stats" -d 'Display the resource usage of the containers of one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "stop" -d 'Stop one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "top" -d 'Display the running processes of the containers of a pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and not __fish_seen_subcommand_from clone create exists inspect kill logs pause ps ls prune restart rm remove start stats stop top unpause" -f -a "unpause" -d 'Unpause the paused containers of one or more pods'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l name -d 'The new pod\'s name (default: the original\'s with -clone)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l hostname -d 'The new pod\'s hostname (default: its name, when the original\'s was the original\'s name)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l infra-name -d 'The new infra container\'s name (default: the new pod id\'s first 12 characters, then -infra)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l infra-conmon-pidfile -d 'Write the process id of the new infra container\'s monitor to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -s l -l label -d 'Add a label to the new pod (KEY=VALUE), over the original\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -s v -l volume -d 'Mount a volume or host directory into every container of the pod (as run\'s -v)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l volumes-from -d 'Mount the volumes and bind mounts of a container into every container of the pod (CONTAINER[:ro|rw])' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device -d 'Add a host device to every container of the pod (HOST[:CONTAINER][:PERMISSIONS])' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l security-opt -d 'Security options of the pod\'s containers, where a container sets none of its own (as run\'s --security-opt)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l restart -d 'Restart policy of the pod\'s containers that set none: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l shm-size -d 'Size of each container\'s /dev/shm (e.g. 64m), for a pod that does not share ipc' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l shm-size-systemd -d 'Size of the systemd-mode tmpfs mounts of each container of the pod (as run\'s --shm-size-systemd)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l gpus -d 'GPUs for every container of the pod (as run\'s --gpus: all, from the nvidia.com/gpu CDI specification)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l sysctl -d 'A namespaced kernel parameter of the pod (KEY=VALUE), set in the namespaces the infra container holds' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l userns -d 'The user namespace of the pod\'s containers: host (the default: your uid is root) or keep-id' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l pid -d 'The pod\'s PID namespace (the infra\'s): private, host or container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l uts -d 'The pod\'s UTS namespace: private (the default) or host' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l uidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l gidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l subuidname -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l subgidname -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l label-file -d 'Read the pod\'s labels from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -s m -l memory -d 'Memory limit of the pod\'s containers together (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l memory-swap -d 'Memory plus swap limit of the pod (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpus -d 'Number of CPUs the pod\'s containers share (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -s c -l cpu-shares -d 'CPU shares of the pod, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpuset-cpus -d 'CPUs in which the pod\'s containers may run (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cpuset-mems -d 'Memory nodes in which the pod\'s containers may run (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device-read-bps -d 'Limit the pod\'s reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l device-write-bps -d 'Limit the pod\'s writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l blkio-weight -d 'Block I/O weight (refused: rpod sets no I/O weights)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l blkio-weight-device -d 'Block I/O weight of a device (refused: rpod sets no I/O weights)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cgroup-parent -d 'The cgroup the pod\'s cgroup is made in: absolute from the cgroup root, or relative to the caller\'s cgroup' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l share-parent -d 'Make the pod\'s cgroup the parent of its containers\' cgroups (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original pod (stopping its containers) once the clone exists'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -l start -d 'Start the new pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'The pod\'s name' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Create an infra container holding the pod\'s shared namespaces (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'The infra container\'s name (default: the pod id\'s first 12 characters, then -infra)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-image -d 'An image whose program runs as the infra container (default: rpod\'s own, which only holds the namespaces)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-command -d 'The infra container\'s command, instead of its image\'s entrypoint (needs --infra-image)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'Namespaces the pod\'s containers share: net, ipc, uts (the default: all three), pid, cgroup, none, or +KIND to add to the default' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the pod (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'The hostname of the pod\'s containers (its UTS namespace is the infra container\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'What the pod does once its last container exits: continue (default) or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Write the pod\'s id to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a port of the pod\'s containers on the host ([IP:][HOSTPORT:]PORT[/PROTO])' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -d 'The pod\'s network: pasta, slirp4netns, none, host or a network\'s name' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to the /etc/hosts the pod\'s containers share (HOST:IP)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns -d 'A DNS server for the pod\'s containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-search -d 'A DNS search domain for the pod\'s containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-option -d 'A resolver option for the pod\'s containers' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-conmon-pidfile -d 'Write the process id of the infra container\'s monitor (podman\'s conmon) to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s v -l volume -d 'Mount a volume or host directory into every container of the pod (as run\'s -v)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and bind mounts of a container into every container of the pod (CONTAINER[:ro|rw])' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l device -d 'Add a host device to every container of the pod (HOST[:CONTAINER][:PERMISSIONS])' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options of the pod\'s containers, where a container sets none of its own (as run\'s --security-opt)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy of the pod\'s containers that set none: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of each container\'s /dev/shm (e.g. 64m), for a pod that does not share ipc' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l shm-size-systemd -d 'Size of the systemd-mode tmpfs mounts of each container of the pod (as run\'s --shm-size-systemd)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l gpus -d 'GPUs for every container of the pod (as run\'s --gpus: all, from the nvidia.com/gpu CDI specification)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l sysctl -d 'A namespaced kernel parameter of the pod (KEY=VALUE), set in the namespaces the infra container holds' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l userns -d 'The user namespace of the pod\'s containers: host (the default: your uid is root) or keep-id' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l pid -d 'The pod\'s PID namespace (the infra\'s): private, host or container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l uts -d 'The pod\'s UTS namespace: private (the default) or host' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l uidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l gidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l subuidname -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l subgidname -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l label-file -d 'Read the pod\'s labels from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l ip -d 'The pod\'s IPv4 address on its user-defined network' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l mac-address -d 'The pod\'s MAC address on its user-defined network' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name the pod has on its user-defined network' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l hosts-file -d 'The file the /etc/hosts of the pod\'s containers starts from (a host file, none, or image: the infra image\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit of the pod\'s containers together (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit of the pod (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs the pod\'s containers share (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares of the pod, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs in which the pod\'s containers may run (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes in which the pod\'s containers may run (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Limit the pod\'s reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Limit the pod\'s writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight (refused: rpod sets no I/O weights)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block I/O weight of a device (refused: rpod sets no I/O weights)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'The cgroup the pod\'s cgroup is made in: absolute from the cgroup root, or relative to the caller\'s cgroup' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l share-parent -d 'Make the pod\'s cgroup the parent of its containers\' cgroups (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Remove a pod of the same name (and its containers) first'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-hosts -d 'Leave /etc/hosts of the pod\'s containers alone (no entries for them and --add-host)'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-hostname -d 'Do not create /etc/hostname in the pod\'s containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template, or json (the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -d 'The signal to send (name or number)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'Kill every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s c -l container -d 'Only this container of the pod' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tail -d 'Output the specified number of lines at the end of logs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since TIMESTAMP or relative duration (e.g. 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l until -d 'Show logs until TIMESTAMP or relative duration' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s n -l names -d 'With several containers, start each line with the container\'s name instead of its ID'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -l color -d 'With several containers, give each container\'s prefix a color of its own'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Act on the pod created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -s a -l all -d 'Pause every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output (name=, id=, label=, status=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d 'Pretty-print pods using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by created (newest first, the default), id, name, number (of containers) or status' -r -f -a "created\t''
id\t''
name\t''
number\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print pod IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate pod and container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-names -d 'Show the names of the pod\'s containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-ids -d 'Show the IDs of the pod\'s containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-status -d 'Show the status of the pod\'s containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show only the pod created last'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -l namespace -l ns -d 'Add the namespace columns: the pod\'s cgroup and the namespaces its containers share'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (name=, id=, label=, status=)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print pods using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (newest first, the default), id, name, number (of containers) or status' -r -f -a "created\t''
id\t''
name\t''
number\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print pod IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate pod and container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-names -d 'Show the names of the pod\'s containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-ids -d 'Show the IDs of the pod\'s containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-status -d 'Show the status of the pod\'s containers'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show only the pod created last'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -l namespace -l ns -d 'Add the namespace columns: the pod\'s cgroup and the namespaces its containers share'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation (rpod never asks)'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for each container to stop before killing it (with --force)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l pod-id-file -d 'Read the pod\'s id from this file (from pod create --pod-id-file)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers too'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'A pod that does not exist is no error'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -s t -l time -d 'Seconds to wait for each container to stop before killing it (with --force)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -l pod-id-file -d 'Read the pod\'s id from this file (from pod create --pod-id-file)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -s f -l force -d 'Stop and remove running containers too'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'A pod that does not exist is no error'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l pod-id-file -d 'Read the pod\'s id from this file (from pod create --pod-id-file)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'Start every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l format -d 'Go template, table or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one reading instead of streaming'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show every container (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the terminal between refreshes (each table follows the last)'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for each container to stop before killing it' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l pod-id-file -d 'Read the pod\'s id from this file (from pod create --pod-id-file)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'A pod that does not exist is no error'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Unpause every pod'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'Act on the pod created last instead of named ones'
complete -c rpod -n "__fish_rpod_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand port" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand port" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand port" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand port" -s a -l all -d 'Every published port of every running container, each line after the container\'s short ID'
complete -c rpod -n "__fish_rpod_using_subcommand port" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand port" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s n -l last -d 'Show the n last created containers (all states)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l sort -d 'Sort by command, created (default: newest first), id, image, names, runningfor, size or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s f -l filter -d 'Filter output based on conditions given (status, name, id, ancestor, label, label!, exited, before, since, node)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l format -d 'Pretty-print containers using a Go template, or json (podman\'s objects)' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s w -l watch -d 'List again every N seconds until interrupted' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s l -l latest -d 'Show the latest container created (all states)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l no-trunc -d 'Display the extended information'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s s -l size -d 'Display the total file sizes: the container\'s own and, as virtual, with its image'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l external -d 'Also list external containers: storage in the store that no record describes (left by a crash), with the status Storage'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l all-nodes -d 'List the containers of every node sharing the store too, with a NODE column (each node lists only its own by default; another node\'s show their node as STATUS)'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s p -l pod -d 'Print the pod (ID and name) of each container'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l namespace -l ns -d 'Show each container\'s PID and namespaces (inode numbers) instead of the usual columns'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -l sync -d 'Sync the containers\' states with their runtime first: rpod reads each container\'s state from its live monitor at every listing, so it is always in sync'
complete -c rpod -n "__fish_rpod_using_subcommand ps" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s a -l all-tags -d 'Pull every tagged image of the repository'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -f -a "generate" -d 'Turn .container, .volume, .network, .image and .build files into systemd units'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -f -a "install" -d 'Install quadlet files (a file and its own files, a directory, or a .quadlets file) for the current user'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -f -a "list" -d 'List the quadlet files of the current user'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -f -a "ls" -d 'List the quadlet files of the current user'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -f -a "print" -d 'Print a quadlet file'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -f -a "rm" -d 'Remove installed quadlet files (a file of an application removes the application)'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and not __fish_seen_subcommand_from generate install list ls print rm remove" -f -a "remove" -d 'Remove installed quadlet files (a file of an application removes the application)'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l dryrun -d 'Print the units instead of writing them'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -l system -d 'Read the system\'s quadlet directories (/etc/containers/systemd …) instead of the user\'s'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l reload-systemd -d 'Reload the user\'s systemd manager afterwards' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from install" -s r -l replace -d 'Overwrite quadlets of the same name'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -s f -l filter -d 'Keep those matching: name=GLOB, status=STATUS (Not loaded, active/running, …), app=NAME (repeatable: all must match)' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l format -d 'Output: table (default), json, or a Go template over .Name .UnitName .Path .Status .App' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Keep those matching: name=GLOB, status=STATUS (Not loaded, active/running, …), app=NAME (repeatable: all must match)' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l format -d 'Output: table (default), json, or a Go template over .Name .UnitName .Path .Status .App' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header line'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from print" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l reload-systemd -d 'Reload the user\'s systemd manager afterwards' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every quadlet the current user installed'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop the units of running quadlets first'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'No error for a quadlet that is not installed'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l reload-systemd -d 'Reload the user\'s systemd manager afterwards' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every quadlet the current user installed'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s f -l force -d 'Stop the units of running quadlets first'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'No error for a quadlet that is not installed'
complete -c rpod -n "__fish_rpod_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand push" -l digestfile -d 'Write the manifest digest of the pushed image to this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l authfile -d 'Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l sign-by -d 'Sign the pushed image with this GPG key (simple signing); the signature goes to the destination\'s signature storage (registries.d lookaside-staging or lookaside)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l sign-by-sigstore-private-key -d 'Sign the pushed image with this sigstore private key (cosign\'s encrypted PEM); the signature is attached to the image in the registry, which registries.d must allow (use-sigstore-attachments: true)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l sign-passphrase-file -d 'Read the signing key\'s passphrase from this file (for --sign-by and --sign-by-sigstore-private-key) instead of asking for it' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -s f -l format -d 'Manifest type to push: oci, or v2s2 (Docker\'s) [default: the type the image has]' -r -f -a "oci\t''
v2s2\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l compression-format -d 'Compress the layers push rebuilds with gzip or zstd (zstd:chunked is refused: rpod does not write its table of contents) [default: rpod.toml\'s [push] compression-format, else gzip]' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l compression-level -d 'Compression level: gzip 1-9 (default 6), zstd 1-20 (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l force-compression -d 'Recompress a layer whose blob the registry holds in another compression instead of reusing it [default: true with --compression-format, else false]' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand push" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand push" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand push" -s q -l quiet -d 'Suppress output information when pushing images'
complete -c rpod -n "__fish_rpod_using_subcommand push" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rename" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand rename" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s t -l time -d 'Seconds to wait for the stop signal before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s a -l all -d 'Restart every container'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -l running -d 'With --all (or --filter), only the running containers'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand restart" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s t -l time -d 'Seconds to wait for a running container to stop before it is killed (with --force)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s f -l force -d 'Force removal of a running container; a missing one is not an error'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s a -l all -d 'Remove every container'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s i -l ignore -d 'A container that does not exist (or a missing --cidfile) is no error'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -l depend -d 'First remove the containers that depend on it (those sharing its network, IPC or UTS namespace)'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s f -l force -d 'Remove images with several names, and the containers made from an image'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s i -l ignore -d 'An image that does not exist is no error'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l no-prune -d 'Keep the unnamed build steps below the image (by default those nothing else uses go with it)'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s a -l attach -d 'Attach only these streams: stdin, stdout, stderr (repeatable; default: stdout and stderr, and stdin with -i)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sig-proxy -d 'Whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with false they end only this command and the container runs on' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l detach-keys -d 'Key sequence that detaches from the container\'s terminal (default ctrl-p,ctrl-q; "" for none); only with -t, as rpod keeps no keys for a later attach' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l preserve-fds -d 'Pass this many more file descriptors to the container\'s process: 3 to 3+N-1, as they are open in rpod (the container\'s monitor keeps them for its restarts)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l preserve-fd -d 'Pass these file descriptors of rpod to the container\'s process, at their numbers (FD1[,FD2,...], repeatable; the monitor keeps them for its restarts)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cidfile -d 'Write the container\'s id to this file (which must not exist)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -s e -l env -d 'Set environment variables (KEY=VALUE, or KEY to pass rpod\'s own value)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-file -d 'Read environment variables from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l http-proxy -d 'Pass rpod\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, either case) to the container, under the image\'s and -e\'s (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l unsetenv -d 'Drop a default or image environment variable (-e still sets it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tz -d 'Time zone of the container: a zone name like Europe/Berlin, or local (the host\'s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s u -l user -d 'Username or UID (format: NAME|UID[:GROUP|GID])' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image ("" clears it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s h -l hostname -d 'Container host name (default: the short container id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-signal -d 'Signal to stop the container (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l stop-timeout -d 'Seconds to wait after the stop signal before killing the container (default 10)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l restart -d 'Restart policy when the container exits: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sdnotify -d 'How to use systemd\'s NOTIFY_SOCKET: conmon (the monitor sends READY=1 and its pid once the container runs), healthy (at its first healthy check), container (the container sends it, relayed by the monitor) or ignore' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s l -l label -d 'Set metadata on the container (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l label-file -d 'Read labels from a file of KEY=VALUE lines' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-add -d 'Add Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l security-opt -d 'Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, label=disable, apparmor=unconfined, root-emulation=on|off' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pull -d 'Pull the image before running: missing (default), always, never, newer (pull when the registry has another digest; a failed pull falls back to the local image)' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l userns -d 'User namespace: host (the default: your uid is root inside) or keep-id (your uid is itself)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l uidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l gidmap -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l subuidname -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l subgidname -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l network -d 'Network mode: pasta[:OPTIONS] (default), slirp4netns[:OPTIONS], host, none, container:NAME, or a network NAME[:alias=A,ip=IP,mac=MAC] (repeat for several; bridge is the default network, podman)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ipc -d 'IPC namespace: private (default), shareable, host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l uts -d 'UTS (hostname) namespace: private (default), host, container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pid -d 'PID namespace: private, host (with the host\'s /proc) or container:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroupns -d 'Cgroup namespace: private (the default), host (the caller\'s) or container:NAME (a running container\'s, as --ipc container: joins); ns:PATH is refused with the reason' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pod -d 'Run the container in this pod (NAME or ID), or in a new one: new:NAME' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pod-id-file -d 'Read the pod\'s id (from `pod create --pod-id-file`) from this file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l requires -d 'Containers (comma-separated) started before this one whenever it starts' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l network-alias -d 'Add a network-scoped alias for the container (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ip -d 'The container\'s IPv4 address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l mac-address -d 'The container\'s MAC address on its network (with --network NAME)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s p -l publish -d 'Publish a container\'s port to the host ([[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL])' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l expose -d 'Expose a port (or range) without publishing it; -P publishes it' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns -d 'Set a DNS server for the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns-search -d 'Set a DNS search domain (\'.\' for none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l dns-option -d 'Set a resolv.conf option (e.g. ndots:2)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l add-host -d 'Add a line to /etc/hosts (NAME:IP or NAME:host-gateway)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l hosts-file -d 'What /etc/hosts starts with: a file of the host (absolute path), none, or image (the image\'s /etc/hosts); rpod\'s entries follow' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l ulimit -d 'Resource limits (NAME=SOFT[:HARD], e.g. nofile=1024:2048)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s v -l volume -d 'Bind mount or volume (SOURCE:TARGET[:ro], NAME:TARGET, or TARGET for an anonymous volume)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l mount -d 'Mount (type=bind|volume|tmpfs,source=...,target=...[,readonly])' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tmpfs -d 'Mount a tmpfs (TARGET[:OPTIONS], e.g. /run:size=64m,exec)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l secret -d 'Give the container a secret (NAME[,type=mount|env][,target=PATH|VAR]): a read-only file, /run/secrets/NAME by default, or an environment variable' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroup-parent -d 'Parent cgroup (absolute from the cgroup2 root, or relative to rpod\'s own cgroup)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cgroups -d 'Whether the container gets a cgroup: enabled or disabled' -r -f -a "enabled\t''
disabled\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l authfile -d 'Path of the authentication file for the pull (default: $REGISTRY_AUTH_FILE, podman\'s auth.json, then docker\'s config.json)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l creds -d 'Credentials (USERNAME:PASSWORD) for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l cert-dir -d 'Trust the CA certificates (*.crt) in DIR for the registry, instead of certs.d/REGISTRY' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l retry -d 'Times to retry a registry request that failed for a passing reason (a refused connection, a timeout, a 5xx, a broken download) [default: 2]' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l retry-delay -d 'Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l arch -d 'Use this architecture of a multi-arch image instead of the host\'s (e.g. arm64)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l os -d 'Use this operating system of a multi-arch image instead of the host\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l variant -d 'Use this variant of the architecture (e.g. v7 of arm)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-cmd -d 'Command to check the container\'s health: a shell command, or a JSON array (exec form); "none" disables the image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-interval -d 'Time between checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-start-period -d 'Time to start before failures count (default 0s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-start-interval -d 'Time between checks during the start period (default 5s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-cmd -d 'Command of a startup check that runs first: the regular check starts once it passes' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-interval -d 'Time between startup checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-retries -d 'Failed startup checks in a row that restart the container (default 0: never)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-success -d 'Passed startup checks in a row before the regular check starts (default 0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-startup-timeout -d 'Time a startup check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-log-destination -d 'Where results are also kept: local, events_logger (an event per check) or a directory (its <container id>-healthcheck.log)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l health-max-log-size -d 'Characters kept of each result\'s output (default 500; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l annotation -d 'Add an annotation to the container (KEY=VALUE); inspect shows it' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-merge -d 'Merge with the image\'s variable: KEY=VALUE where ${KEY} is the image\'s value (e.g. PATH=${PATH}:/opt/bin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l shm-size -d 'Size of /dev/shm (default 64m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l group-add -d 'Add a supplementary group (a gid or a group of the image); keep-groups keeps yours' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l umask -d 'File mode creation mask of the container\'s process, octal (default 0022)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l oom-score-adj -d 'Tune the container\'s OOM score (-1000 to 1000; rootless can only raise it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l personality -d 'Execution domain of the container\'s process: LINUX or LINUX32' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l pidfile -d 'Write the container\'s process id to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l conmon-pidfile -d 'Write the process id of the container\'s monitor (podman\'s conmon) to this file at each start' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only-tmpfs -d 'With --read-only: writable tmpfs mounts on /tmp, /var/tmp and /run (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes, the default), tmpfs or ignore' -r -f -a "bind\t''
tmpfs\t''
ignore\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l seccomp-policy -d 'Where the seccomp profile comes from: default (the only policy rpod has; image is refused)' -r -f -a "default\t''
image\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-driver -d 'Logging driver: k8s-file (the default; json-file is the same) or none' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-opt -d 'Logging option: path=FILE (absolute), max-size=SIZE (the log starts over past it)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l device -d 'Pass a host device the user may open (HOST[:CONTAINER][:PERMISSIONS], e.g. /dev/fuse), or a CDI device (vendor.com/class=NAME|all) from the CDI specifications' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l init-path -d 'Refused with the reason: rpod\'s --init is built in' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l timeout -d 'Kill the container (SIGKILL) once it has run this many seconds; 0: no limit' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l gpus -d 'GPUs to add: all, the devices of the nvidia.com/gpu CDI specification' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l sysctl -d 'Set a namespaced kernel parameter in the container (net.*, fs.mqueue.*, kernel.shm*, kernel.msg*, kernel.sem), e.g. net.ipv4.ip_unprivileged_port_start=0' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l systemd -d 'Run in systemd mode (tmpfs on /run, /run/lock, /tmp and /var/log/journal, stop signal SIGRTMIN+3, a writable cgroup): true (when the command is an init or systemd), false or always' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l shm-size-systemd -d 'Size of the tmpfs mounts of systemd mode (/run, /run/lock, /tmp, /var/log/journal), e.g. 64m; 0: half the host\'s memory, the kernel\'s default' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l memory-swappiness -d 'Refused with the reason: cgroup v2 has no per-group swappiness' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l oom-kill-disable -d 'Refused with the reason: cgroup v2 cannot disable the OOM killer' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l passwd -d 'Add an /etc/passwd line for a numeric --user the image lacks, and an /etc/group line for its numeric group (and the caller\'s with --userns keep-id) (default true)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l passwd-entry -d 'The /etc/passwd line --passwd adds: $USERNAME, $UID, $GID, $NAME, $HOME are replaced' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l group-entry -d 'The /etc/group line --passwd adds: $GROUPNAME, $GID, $USERLIST are replaced (a group the image lacks is named by its gid and lists the user)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l hostuser -d 'Add this host account (a name or uid, from the host\'s passwd database) to the container\'s /etc/passwd unless the image has it (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l chrootdirs -d 'A directory in the container to chroot into: /etc/hosts, /etc/hostname and /etc/resolv.conf are bound below it too (repeatable)' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand run" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand run" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand run" -s d -l detach -d 'Run the container in the background and print its ID'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rmi -d 'Remove the image once the container has exited, unless another container uses it (implies --rm)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rm -d 'Automatically remove the container when it exits'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l env-host -d 'Pass every environment variable of rpod\'s own to the container (before --env-file and -e)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l unsetenv-all -d 'Drop every default and image environment variable (-e still sets them)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l init -d 'Run a small init as PID 1 that forwards signals and reaps processes'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l privileged -d 'Give extended privileges to the container'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l replace -d 'Remove a container with the same name first'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s P -l publish-all -d 'Publish every exposed port to a random host port'
complete -c rpod -n "__fish_rpod_using_subcommand run" -s q -l quiet -d 'Suppress pull progress'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l no-healthcheck -d 'Disable any healthcheck, the image\'s included'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l no-hostname -d 'Leave the image\'s /etc/hostname alone (the container\'s hostname is still set)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l no-hosts -d 'Leave the image\'s /etc/hosts alone (no entries for the container and --add-host)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l rootfs -d 'The first argument is not an image but a squashfs image file (`save --format squashfs`, mounted read-only with squashfuse under an overlay that takes the container\'s writes) or a directory (the root file system itself; DIR:O keeps it as it is, under an overlay)'
complete -c rpod -n "__fish_rpod_using_subcommand run" -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s o -l output -d 'Write to a file (or directory for oci-dir) instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l format -d 'Archive format: docker-archive, oci-archive, oci-dir, or squashfs (one file holding the flattened image, for HPC; needs --output)' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand save" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand save" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand save" -s q -l quiet -d 'Suppress the output'
complete -c rpod -n "__fish_rpod_using_subcommand save" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -f -a "create" -d 'Create a secret from a file, standard input (-) or an environment variable'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -f -a "exists" -d 'Check if a secret exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -f -a "inspect" -d 'Display detailed information on one or more secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -f -a "ls" -d 'List secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -f -a "list" -d 'List secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -f -a "rm" -d 'Remove one or more secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and not __fish_seen_subcommand_from create exists inspect ls list rm remove" -f -a "remove" -d 'Remove one or more secrets'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'Secret driver: file (rpod\'s data directory, readable by you only)' -r -f -a "file\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the secret (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read the value from the environment variable named by the second argument'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l replace -d 'Replace the value of an existing secret of that name'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -l ignore -d 'If a secret of that name exists, print its ID and change nothing'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template, or json (the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l pretty -d 'Human-readable output'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l showsecret -d 'Include the secret\'s value (SecretData)'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, id=, label=KEY[=VALUE]' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'Format the output using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: name=, id=, label=KEY[=VALUE]' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l format -d 'Format the output using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print the IDs only'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'A secret that does not exist is no error'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every secret'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'A secret that does not exist is no error'
complete -c rpod -n "__fish_rpod_using_subcommand secret; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l sig-proxy -d 'With --attach: whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with false they end only this command' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l detach-keys -d 'With --attach: key sequence that detaches (default ctrl-p,ctrl-q; "" for none); the container needs a terminal (-t)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand start" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand start" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand start" -s a -l attach -d 'Attach the container\'s output (and with -i its input)'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s i -l interactive -d 'Attach the container\'s stdin'
complete -c rpod -n "__fish_rpod_using_subcommand start" -l all -d 'Start every container that is not running'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand start" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l format -d 'Go template, table or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s i -l interval -d 'Seconds between the refreshes of the streamed table' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-stream -d 'Print one reading instead of streaming'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s a -l all -d 'Show every container (default: running ones)'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-reset -d 'Do not clear the terminal between refreshes (each table follows the last)'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -l no-trunc -d 'Show full container IDs'
complete -c rpod -n "__fish_rpod_using_subcommand stats" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s t -l time -d 'Seconds to wait for the stop signal before killing the container' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand stop" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s a -l all -d 'Stop every running container'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s i -l ignore -d 'A container that does not exist (or a missing --cidfile) is no error'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand stop" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand top" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand top" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand top" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand top" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand top" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s a -l all -d 'Unpause every paused container'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s a -l all -d 'Unmount every mounted container'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s f -l force -d 'Unmount even while a process uses the tree; clear another session\'s mark'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand umount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s a -l all -d 'Unmount every mounted container'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s f -l force -d 'Unmount even while a process uses the tree; clear another session\'s mark'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -l rootless-netns -d 'Join the network namespace of user-defined networks (starting it if needed), where their containers are reachable by address'
complete -c rpod -n "__fish_rpod_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand update" -s m -l memory -d 'Memory limit (e.g. 512m, 2g)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l memory-reservation -d 'Memory soft limit, protected from reclaim (memory.low)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpus -d 'Number of CPUs (e.g. 0.5 for half a CPU)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -s c -l cpu-shares -d 'CPU shares, relative weight (default 1024)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-weight -d 'CPU weight, cgroup v2\'s relative weight (1-10000, default 100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpuset-cpus -d 'CPUs in which to allow execution (e.g. 0-2 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-period -d 'CPU CFS period in microseconds (with --cpu-quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpu-quota -d 'CPU time in microseconds the container may use per period (-1: no quota)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l cpuset-mems -d 'Memory nodes in which to allow execution (e.g. 0-1 or 0,1)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l pids-limit -d 'Limit the number of processes (-1 or 0: unlimited)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-read-bps -d 'Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-write-bps -d 'Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-read-iops -d 'Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l device-write-iops -d 'Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l restart -d 'Restart policy: no, always, on-failure[:N], unless-stopped' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-cmd -d 'Command to check the container\'s health: a shell command, or a JSON array (exec form); "none" disables the image\'s' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-interval -d 'Time between checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-timeout -d 'Time a check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-retries -d 'Consecutive failures that make the container unhealthy (default 3)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-start-period -d 'Time to start before failures count (default 0s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-start-interval -d 'Time between checks during the start period (default 5s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-cmd -d 'Command of a startup check that runs first: the regular check starts once it passes' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-interval -d 'Time between startup checks (default 30s; "disable": only `healthcheck run` checks)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-retries -d 'Failed startup checks in a row that restart the container (default 0: never)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-success -d 'Passed startup checks in a row before the regular check starts (default 0: one)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-startup-timeout -d 'Time a startup check may take before it counts as failed (default 30s)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-log-destination -d 'Where results are also kept: local, events_logger (an event per check) or a directory (its <container id>-healthcheck.log)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l health-max-log-size -d 'Characters kept of each result\'s output (default 500; 0: all)' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY for rpod\'s own value): new execs see it at once, the container\'s process at its next start' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l unsetenv -d 'Remove an environment variable: new execs at once, the container\'s process at its next start' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l ulimit -d 'Set a resource limit (TYPE=SOFT[:HARD]), applied at the container\'s next start' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand update" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand update" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand update" -l no-healthcheck -d 'Disable any healthcheck, the image\'s included'
complete -c rpod -n "__fish_rpod_using_subcommand update" -s l -l latest -d 'Act on the container created last instead of a named one'
complete -c rpod -n "__fish_rpod_using_subcommand update" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "create" -d 'Create a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "exists" -d 'Check if a volume exists (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "export" -d 'Export a volume\'s contents as a tar archive'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "import" -d 'Import a tar archive into a volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "ls" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "list" -d 'List volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "mount" -d 'Print where volumes\' files are on the host. rpod\'s volumes are directories, so nothing needs mounting: the path works inside and outside `rpod unshare`'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "prune" -d 'Remove volumes no container uses'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "reload" -d 'Reload volumes from volume plugins (rpod has none)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "rm" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "remove" -d 'Remove one or more volumes'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "unmount" -d 'Check that volumes exist; rpod\'s volumes are directories that `volume mount` did not mount, so there is nothing to take down'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and not __fish_seen_subcommand_from create exists export import inspect ls list mount prune reload rm remove unmount umount" -f -a "umount" -d 'Check that volumes exist; rpod\'s volumes are directories that `volume mount` did not mount, so there is nothing to take down'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (only local)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options (the local driver takes none)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the volume (KEY=VALUE)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l uid -d 'The UID that owns the volume\'s directory inside containers (with root emulation, which shows the ids rpod records; GID 0 unless --gid)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l gid -d 'The GID that owns the volume\'s directory inside containers (UID 0 unless --uid)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed quietly when the volume exists (it always does, as with docker)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a Go template, or json (the default)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect every volume'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output (name=, label=, dangling=true|false)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print volumes using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print volume names only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output (name=, label=, dangling=true|false)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print volumes using a Go template, or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print volume names only'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header row'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Remove only the volumes these pick: label=KEY[=VALUE], label!=KEY[=VALUE], until=TIME (created before)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove unused named volumes too, not only anonymous ones'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from reload" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from reload" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from reload" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for a running container using the volume to stop before it is killed (with --force; -1 waits without end)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers using the volume first; a missing volume is not an error'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume (one in use only with --force, which removes its containers first)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s t -l time -d 'Seconds to wait for a running container using the volume to stop before it is killed (with --force; -1 waits without end)' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers using the volume first; a missing volume is not an error'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every volume (one in use only with --force, which removes its containers first)'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand volume; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l condition -d 'The state to wait for: created, running, paused, exited or stopped (the default), removing, healthy, unhealthy; several wait for the first' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s i -l interval -d 'How often to look (a duration such as 250ms or 1s; a bare number is milliseconds)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l cidfile -d 'Act on the container whose ID this file holds (as run/create --cidfile write it)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l filter -d 'Act on the containers this filter picks (status, name, id, ancestor, label, label!, exited, before, since)' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l ignore -d 'A container that does not exist is no error: its code prints as -1'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -l exit-first-match -d 'Wait only for the first of the containers to meet the condition, and print its code'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s l -l latest -d 'Act on the container created last'
complete -c rpod -n "__fish_rpod_using_subcommand wait" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand events" -l since -d 'Show events since TIMESTAMP or relative duration (e.g. 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l until -d 'Stop at TIMESTAMP or relative duration' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -s f -l filter -d 'Filter: type=, event=, container=, image=, volume= (name or id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l format -d 'Go template (fields: Time, Type, Action, Status, ID, Name, Attributes), or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -l stream -d 'Follow new events (the default); --stream=false prints what is logged and exits' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l no-trunc -d 'Show full IDs (the default); with false, 12 characters of each' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand events" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand events" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand events" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s f -l format -d 'Change the output format to json or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "check" -d 'Check the store for what a crash or a killed command left, and repair it with --repair'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "df" -d 'Show how much disk images, containers and volumes use'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "doctor" -d 'Check what this host degrades or lacks for rootless containers, and how to fix it'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "events" -d 'Show events: containers created, started, died, removed; images pulled, tagged, removed; volumes'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "info" -d 'Display rpod related system information'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "migrate" -d 'Migrate containers to a new version of rpod (there is nothing to migrate)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "prune" -d 'Remove stopped containers, dangling images and (with --volumes) unused anonymous volumes'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "renumber" -d 'Reassign container lock numbers (rpod has none)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "reset" -d 'Remove every container, image and volume, and rpod\'s data and runtime directories'
complete -c rpod -n "__fish_rpod_using_subcommand system; and not __fish_seen_subcommand_from check df doctor events info migrate prune renumber reset service" -f -a "service" -d 'Run an API service (Docker-compatible endpoints on a unix socket)'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Remove damaged images and container directories, and collect unused layers'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Go template (fields: Type, Total, Active, Size, Reclaimable), or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show each image, container and volume and what it uses'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from doctor" -s f -l format -d 'Change the output format to table, json or a Go template (one row per check: .ID, .Status, .Found, .Instead, .Fix)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from doctor" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from doctor" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from doctor" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from doctor" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from doctor" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l since -d 'Show events since TIMESTAMP or relative duration (e.g. 10m)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l until -d 'Stop at TIMESTAMP or relative duration' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -s f -l filter -d 'Filter: type=, event=, container=, image=, volume= (name or id)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l format -d 'Go template (fields: Time, Type, Action, Status, ID, Name, Attributes), or json' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l stream -d 'Follow new events (the default); --stream=false prints what is logged and exits' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l no-trunc -d 'Show full IDs (the default); with false, 12 characters of each' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Change the output format to json or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Remove only the containers, images and volumes these pick: label=KEY[=VALUE], label!=KEY[=VALUE], until=TIME (created before)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Remove anonymous volumes no container uses too'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from renumber" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from renumber" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from renumber" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from renumber" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from renumber" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from service" -s t -l time -d 'Seconds without a connection before the service exits (0: never)' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from service" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from service" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from service" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from service" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand system; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s f -l format -d 'Change the output format to json or a Go template ({{.Client.Version}}, {{.Server.Version}})' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l root -d 'Path to the persistent storage (images, containers, volumes)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l runroot -d 'Path to the runtime state (sockets, pids, locks)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l log-level -d 'Log messages at this level and above' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -l storage-driver -d 'Storage driver for container root file systems: overlay, fuse-overlayfs or vfs' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -s h -l help -d 'Print help'
