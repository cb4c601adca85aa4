// The floor under root emulation's cost (issue 14): runs a command under a seccomp filter that
// notifies what rpod's filter notifies on a stat-heavy path (newfstatat, statx, fstat, and
// openat of a plain read) and a supervisor that answers every notification with CONTINUE at
// once ("cont"), or after a 6-byte process_vm_readv of the path argument as rpod's answer to a
// plain-read open costs ("read"), or after the same read from a /proc/PID/mem descriptor kept
// per calling thread and opened at its first call ("mem"; FLOOR_LEN sets the bytes read, 6 by
// default); "none" runs the command without a filter. What rpod's
// supervisor spends beyond this is its own work (contrib/bench/README.md, fifth round).
//
//   gcc -O2 -o /tmp/notify-floor contrib/bench/notify-floor.c
//   /tmp/notify-floor cont chroot ROOTFS sh -c 'find / -xdev -printf "%u\n" | sort | uniq -c'
//   FLOOR_COUNT=1 ...   also prints the number of notifications and the supervisor's CPU
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/audit.h>
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif

static int send_fd(int sock, int fd) {
    char buf[CMSG_SPACE(sizeof(int))]; memset(buf,0,sizeof buf);
    char c = 0; struct iovec io = {&c, 1};
    struct msghdr m = {0}; m.msg_iov=&io; m.msg_iovlen=1; m.msg_control=buf; m.msg_controllen=sizeof buf;
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm->cmsg_level=SOL_SOCKET; cm->cmsg_type=SCM_RIGHTS; cm->cmsg_len=CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &fd, sizeof(int));
    return sendmsg(sock, &m, 0);
}
static int recv_fd(int sock) {
    char buf[CMSG_SPACE(sizeof(int))]; char c; struct iovec io = {&c,1};
    struct msghdr m = {0}; m.msg_iov=&io; m.msg_iovlen=1; m.msg_control=buf; m.msg_controllen=sizeof buf;
    if (recvmsg(sock,&m,0) <= 0) return -1;
    int fd; memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int)); return fd;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: floor none|cont|read|mem cmd...\n"); return 2; }
    const char *mode = argv[1];
    if (!strcmp(mode, "none")) { execvp(argv[2], argv+2); return 127; }
    int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pid_t child = fork();
    if (child == 0) {
        close(sv[0]);
        // O_ACCMODE|O_PATH|O_DIRECTORY|O_CREAT masked == 0 -> notify (plain read), O_CREAT -> notify
        unsigned notplain = O_ACCMODE|O_PATH|O_DIRECTORY|O_CREAT;
        struct sock_filter f[] = {
            BPF_STMT(BPF_LD|BPF_W|BPF_ABS, offsetof(struct seccomp_data, nr)),
            BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, __NR_newfstatat, 6, 0),
            BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, __NR_statx, 5, 0),
            BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, __NR_fstat, 4, 0),
            BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, __NR_openat, 0, 2),
            BPF_STMT(BPF_LD|BPF_W|BPF_ABS, offsetof(struct seccomp_data, args[2])),
            BPF_JUMP(BPF_JSET|BPF_JMP|BPF_K, notplain, 0, 1),
            BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW),
            BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_USER_NOTIF),
        };
        struct sock_fprog prog = {sizeof f / sizeof f[0], f};
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        int l = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
        if (l < 0) { perror("seccomp"); _exit(1); }
        send_fd(sv[1], l); close(l); close(sv[1]);
        execvp(argv[2], argv+2); _exit(127);
    }
    close(sv[1]);
    int l = recv_fd(sv[0]);
    ioctl(l, SECCOMP_IOCTL_NOTIF_SET_FLAGS, 1UL);
    int reading = !strcmp(mode, "read"), kept = !strcmp(mode, "mem");
    size_t len = getenv("FLOOR_LEN") ? (size_t)atoi(getenv("FLOOR_LEN")) : 6;
    if (len < 1 || len > 4096) len = 6;
    char b[4096];
    // Kept descriptors by thread id (pid_max is at most 4M; a small open table keyed by tid).
    enum { SLOTS = 4096 };
    static int mem_tid[SLOTS], mem_fd[SLOTS];
    long n = 0;
    for (;;) {
        struct pollfd p = {l, POLLIN, 0};
        if (poll(&p, 1, -1) < 0) { if (errno == EINTR) continue; break; }
        if (p.revents & (POLLHUP|POLLERR)) break;
        struct seccomp_notif req; memset(&req, 0, sizeof req);
        if (ioctl(l, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) continue;
        if (reading) {
            struct iovec lo = {b, len}, re = {(void*)req.data.args[1], len};
            process_vm_readv(req.pid, &lo, 1, &re, 1, 0);
        } else if (kept) {
            unsigned slot = (unsigned)req.pid % SLOTS;
            if (mem_tid[slot] != (int)req.pid) {
                if (mem_tid[slot]) close(mem_fd[slot]);
                char path[64]; snprintf(path, sizeof path, "/proc/%d/mem", req.pid);
                mem_fd[slot] = open(path, O_RDONLY | O_CLOEXEC);
                mem_tid[slot] = req.pid;
            }
            // 0 bytes: the descriptor's mm is gone (an exec): open the new one once.
            if (pread(mem_fd[slot], b, len, (off_t)req.data.args[1]) == 0) {
                close(mem_fd[slot]);
                char path[64]; snprintf(path, sizeof path, "/proc/%d/mem", req.pid);
                mem_fd[slot] = open(path, O_RDONLY | O_CLOEXEC);
                pread(mem_fd[slot], b, len, (off_t)req.data.args[1]);
            }
        }
        struct seccomp_notif_resp r = {req.id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE};
        ioctl(l, SECCOMP_IOCTL_NOTIF_SEND, &r);
        n++;
    }
    int st; waitpid(child, &st, 0);
    if (getenv("FLOOR_COUNT")) {
        // The supervisor's own CPU (this process, not the command's).
        struct rusage ru; getrusage(RUSAGE_SELF, &ru);
        double us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
        fprintf(stderr, "%ld notifications, supervisor CPU %.0f us, %.2f us each\n", n, us, n ? us / n : 0);
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
