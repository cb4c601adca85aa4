/* A hostile container process for the root emulation tests (issue 14): it calls the system
 * calls that root emulation serves (chown family, stat family, credentials, execve) with bad
 * pointers, escaping paths, racing renames, deaths in mid-call and a thousand processes at
 * once, and prints one line per case, NAME=RESULT, RESULT being the return value or the errno's
 * name. Built statically with the host's gcc by the test and run inside a busybox image.
 *
 *   hostile pointers              bad pointers, sizes and descriptors
 *   hostile creds                 credentials: a dropped user keeps the rules; setuid exec
 *   hostile whoami                prints the real, effective and saved uid
 *   hostile paths HOSTPATH...     symlinks and .. aimed at host paths (absent in here)
 *   hostile race HOSTPATH SECONDS a file swapped for a symlink to HOSTPATH while chowned
 *   hostile kill N                N processes killed (SIGKILL) in the middle of calls
 *   hostile many N                N processes making calls at the same moment
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/stat.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KERNEL ((void *)0xffffffff81000000UL)
#define NONCANONICAL ((void *)0x0000800000000000UL)
#define LOW ((void *)1)
#define FILE_PATH "/tmp/hostile/f"

static void report(const char *name, long ret, int err)
{
	if (ret < 0)
		printf("%s=%s\n", name, strerrorname_np(err) ? strerrorname_np(err) : "E?");
	else
		printf("%s=%ld\n", name, ret);
	fflush(stdout);
}

/* Runs one system call and reports it (errno taken right after the call). */
#define CALL(name, ...)                                    \
	do {                                                   \
		errno = 0;                                         \
		long r_ = syscall(__VA_ARGS__);                    \
		report(name, r_, errno);                           \
	} while (0)

static long page;

/* `len` bytes of 'a' with no terminator, ending where an inaccessible page starts. */
static char *unterminated(size_t len)
{
	char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + page, page, PROT_NONE))
		abort();
	memset(p, 'a', page);
	return p + page - len;
}

/* A buffer of `len` bytes whose end runs `over` bytes into an inaccessible page. */
static void *crossing(size_t len, size_t over)
{
	char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + page, page, PROT_NONE))
		abort();
	return p + page - (len - over);
}

static void *readonly_page(void)
{
	void *p = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		abort();
	return p;
}

static void prepare(void)
{
	mkdir("/tmp/hostile", 0755);
	int fd = open(FILE_PATH, O_CREAT | O_WRONLY, 0644);
	if (fd < 0) {
		perror(FILE_PATH);
		exit(2);
	}
	close(fd);
}

static void chown_family(void)
{
	char *longpath = malloc(PATH_MAX + 100);
	memset(longpath, 'a', PATH_MAX + 99);
	longpath[PATH_MAX + 99] = 0;
	char *cut = unterminated(100);

	CALL("chown-null", SYS_chown, NULL, 0, 0);
	CALL("chown-low", SYS_chown, LOW, 0, 0);
	CALL("chown-kernel", SYS_chown, KERNEL, 0, 0);
	CALL("chown-noncanonical", SYS_chown, NONCANONICAL, 0, 0);
	CALL("chown-unterminated", SYS_chown, cut, 0, 0);
	CALL("chown-toolong", SYS_chown, longpath, 0, 0);
	CALL("chown-empty", SYS_chown, "", 0, 0);
	CALL("chown-missing", SYS_chown, "/tmp/hostile/missing", 0, 0);
	CALL("chown-ok", SYS_chown, FILE_PATH, 42, 43);
	CALL("chown-keep", SYS_chown, FILE_PATH, -1, -1);
	CALL("lchown-null", SYS_lchown, NULL, 0, 0);
	CALL("lchown-unterminated", SYS_lchown, cut, 0, 0);
	CALL("fchownat-null", SYS_fchownat, AT_FDCWD, NULL, 0, 0, 0);
	CALL("fchownat-kernel", SYS_fchownat, AT_FDCWD, KERNEL, 0, 0, 0);
	CALL("fchownat-badflags", SYS_fchownat, AT_FDCWD, FILE_PATH, 0, 0, 0x40000000);
	CALL("fchownat-badfd", SYS_fchownat, 999, "f", 0, 0, 0);
	int fd = open(FILE_PATH, O_RDONLY);
	CALL("fchownat-empty", SYS_fchownat, fd, "", 0, 0, 0);
	CALL("fchownat-emptypath", SYS_fchownat, fd, "", 42, 43, AT_EMPTY_PATH);
	CALL("fchown-badfd", SYS_fchown, -1, 0, 0);
	CALL("fchown-closedfd", SYS_fchown, 999, 0, 0);
	CALL("fchown-ok", SYS_fchown, fd, 42, 43);
	close(fd);
	free(longpath);
}

static void stat_family(void)
{
	struct stat st;
	struct statx stx;
	char *cut = unterminated(100);
	void *ro = readonly_page();
	void *cross = crossing(sizeof(struct stat), 8);
	void *crossx = crossing(sizeof(struct statx), 8);
	int fd = open(FILE_PATH, O_RDONLY);

	CALL("stat-null-path", SYS_stat, NULL, &st);
	CALL("stat-unterminated", SYS_stat, cut, &st);
	CALL("stat-null-buf", SYS_stat, FILE_PATH, NULL);
	CALL("stat-kernel-buf", SYS_stat, FILE_PATH, KERNEL);
	CALL("stat-readonly-buf", SYS_stat, FILE_PATH, ro);
	CALL("stat-crossing-buf", SYS_stat, FILE_PATH, cross);
	CALL("stat-missing", SYS_stat, "/tmp/hostile/missing", &st);
	CALL("lstat-null-path", SYS_lstat, NULL, &st);
	CALL("lstat-kernel-buf", SYS_lstat, FILE_PATH, KERNEL);
	CALL("newfstatat-null-buf", SYS_newfstatat, AT_FDCWD, FILE_PATH, NULL, 0);
	CALL("newfstatat-badflags", SYS_newfstatat, AT_FDCWD, FILE_PATH, &st, 0x40000000);
	CALL("newfstatat-badfd", SYS_newfstatat, 999, "f", &st, 0);
	CALL("fstat-badfd", SYS_fstat, -1, &st);
	CALL("fstat-null-buf", SYS_fstat, fd, NULL);
	CALL("fstat-crossing-buf", SYS_fstat, fd, cross);
	CALL("statx-null-path", SYS_statx, AT_FDCWD, NULL, 0, STATX_ALL, &stx);
	CALL("statx-null-buf", SYS_statx, AT_FDCWD, FILE_PATH, 0, STATX_ALL, NULL);
	CALL("statx-kernel-buf", SYS_statx, AT_FDCWD, FILE_PATH, 0, STATX_ALL, KERNEL);
	CALL("statx-crossing-buf", SYS_statx, AT_FDCWD, FILE_PATH, 0, STATX_ALL, crossx);
	CALL("statx-badflags", SYS_statx, AT_FDCWD, FILE_PATH, 0x40000000, STATX_ALL, &stx);
	CALL("statx-reserved-mask", SYS_statx, AT_FDCWD, FILE_PATH, 0, 0x80000000U, &stx);
	/* What the good calls see of the chown above. */
	memset(&st, 0, sizeof st);
	if (stat(FILE_PATH, &st) == 0)
		printf("stat-owner=%u:%u\n", st.st_uid, st.st_gid);
	if (fstat(fd, &st) == 0)
		printf("fstat-owner=%u:%u\n", st.st_uid, st.st_gid);
	if (syscall(SYS_statx, AT_FDCWD, FILE_PATH, 0, STATX_UID | STATX_GID, &stx) == 0)
		printf("statx-owner=%u:%u\n", stx.stx_uid, stx.stx_gid);
	if (syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_UID | STATX_GID, &stx) == 0)
		printf("statx-fd-owner=%u:%u\n", stx.stx_uid, stx.stx_gid);
	close(fd);
}

static void credentials(void)
{
	gid_t two[2] = {0, 42};
	gid_t small[1];
	uid_t r, e, s;
	gid_t *cross = crossing(2 * sizeof(gid_t), sizeof(gid_t));

	CALL("setgroups-null", SYS_setgroups, 1, NULL);
	CALL("setgroups-kernel", SYS_setgroups, 2, KERNEL);
	CALL("setgroups-crossing", SYS_setgroups, 2, cross);
	CALL("setgroups-huge", SYS_setgroups, 1 << 20, two);
	CALL("setgroups-negative", SYS_setgroups, -1, two);
	CALL("setgroups-ok", SYS_setgroups, 2, two);
	CALL("getgroups-count", SYS_getgroups, 0, NULL);
	CALL("getgroups-small", SYS_getgroups, 1, small);
	CALL("getgroups-null", SYS_getgroups, 2, NULL);
	CALL("getgroups-kernel", SYS_getgroups, 2, KERNEL);
	CALL("getgroups-negative", SYS_getgroups, -1, small);
	CALL("getresuid-null", SYS_getresuid, NULL, NULL, NULL);
	CALL("getresuid-kernel", SYS_getresuid, &r, KERNEL, &s);
	CALL("getresgid-null", SYS_getresgid, NULL, &e, NULL);
	CALL("setuid-invalid", SYS_setuid, -1);
	CALL("setresuid-keep", SYS_setresuid, -1, -1, -1);
}

/* Each execve in a child: a failure exits with its errno, a success runs /bin/true (0). */
static void exec_case(const char *name, const void *path, const void *argv, const void *envp)
{
	pid_t pid = fork();
	if (pid == 0) {
		syscall(SYS_execve, path, argv, envp);
		_exit(errno);
	}
	int status;
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		printf("%s=executed\n", name);
	else if (WIFEXITED(status))
		report(name, -1, WEXITSTATUS(status));
	else
		printf("%s=signal %d\n", name, WTERMSIG(status));
	fflush(stdout);
}

static void exec_family(void)
{
	char *ok_argv[] = {"true", NULL};
	char *env[] = {NULL};
	char *bad_elem[] = {"true", (char *)LOW, NULL};
	char *kernel_elem[] = {"true", (char *)KERNEL, NULL};

	exec_case("execve-null", NULL, ok_argv, env);
	exec_case("execve-kernel", KERNEL, ok_argv, env);
	exec_case("execve-unterminated", unterminated(100), ok_argv, env);
	exec_case("execve-missing", "/no/such/program", ok_argv, env);
	exec_case("execve-bad-argv", "/bin/true", LOW, env);
	exec_case("execve-bad-argv-element", "/bin/true", bad_elem, env);
	exec_case("execve-kernel-argv-element", "/bin/true", kernel_elem, env);
	exec_case("execve-bad-envp", "/bin/true", ok_argv, KERNEL);
	exec_case("execve-ok", "/bin/true", ok_argv, env);
}

/* A user that dropped root keeps the rules; a setuid-root program gives euid 0 back. */
static int creds(void)
{
	prepare();
	int fd = open("/tmp/hostile/mine", O_CREAT | O_WRONLY, 0644);
	close(fd);
	CALL("give-mine", SYS_chown, "/tmp/hostile/mine", 1000, 1000);
	pid_t pid = fork();
	if (pid == 0) {
		gid_t g = 1000;
		CALL("drop-setgroups", SYS_setgroups, 1, &g);
		CALL("drop-setresgid", SYS_setresgid, 1000, 1000, 1000);
		CALL("drop-setresuid", SYS_setresuid, 1000, 1000, 1000);
		uid_t r = 9, e = 9, s = 9;
		syscall(SYS_getresuid, &r, &e, &s);
		printf("dropped=%u %u %u\n", r, e, s);
		CALL("dropped-setuid-root", SYS_setuid, 0);
		CALL("dropped-setgroups", SYS_setgroups, 1, &g);
		CALL("dropped-chown-to-root", SYS_chown, "/tmp/hostile/mine", 0, 0);
		fflush(stdout);
		execl("/hostile-suid", "hostile-suid", "whoami", (char *)NULL);
		report("exec-suid", -1, errno);
		_exit(1);
	}
	waitpid(pid, NULL, 0);
	return 0;
}

static int whoami(void)
{
	uid_t r, e, s;
	syscall(SYS_getresuid, &r, &e, &s);
	printf("whoami=%u %u %u\n", r, e, s);
	return 0;
}

/* Every host path by four routes; none exists in here, so each must be ENOENT (a symlink
 * itself may be chowned: lchown works on the link in the container). */
static int paths(int argc, char **argv)
{
	prepare();
	int root = open("/", O_PATH | O_DIRECTORY);
	for (int i = 0; i < argc; i++) {
		const char *host = argv[i];
		char link[64], target[PATH_MAX + 64], name[64];
		struct stat st;
		const char *routes[] = {"abs", "self", "thread", "rel", "proc1"};
		const char *prefixes[] = {"", "/proc/self/root", "/proc/thread-self/root",
		                          "../../../../../../../../../../../..", "/proc/1/root"};
		for (int k = 0; k < 5; k++) {
			snprintf(link, sizeof link, "/tmp/hostile/%s-%d", routes[k], i);
			snprintf(target, sizeof target, "%s%s", prefixes[k], host);
			unlink(link);
			if (symlink(target, link))
				perror("symlink");
			snprintf(name, sizeof name, "%s-%d-chown", routes[k], i);
			CALL(name, SYS_chown, link, 42, 42);
			snprintf(name, sizeof name, "%s-%d-stat", routes[k], i);
			CALL(name, SYS_stat, link, &st);
			snprintf(name, sizeof name, "%s-%d-lchown", routes[k], i);
			CALL(name, SYS_lchown, link, 42, 42);
			snprintf(name, sizeof name, "%s-%d-direct", routes[k], i);
			CALL(name, SYS_chown, target, 42, 42);
		}
		snprintf(target, sizeof target, "../../../../../../..%s", host);
		snprintf(name, sizeof name, "dotdot-%d-fchownat", i);
		CALL(name, SYS_fchownat, root, target, 42, 42, 0);
		snprintf(name, sizeof name, "dotdot-%d-statx", i);
		struct statx stx;
		CALL(name, SYS_statx, root, target, 0, STATX_ALL, &stx);
	}
	/* The container's own file through its init's root: allowed, and it is this one. */
	CALL("proc1-own-chown", SYS_chown, "/proc/1/root" FILE_PATH, 7, 7);
	struct stat st;
	if (stat(FILE_PATH, &st) == 0)
		printf("proc1-own-owner=%u:%u\n", st.st_uid, st.st_gid);
	return 0;
}

static volatile int racing = 1;
static const char *race_host;

static void *swapper(void *arg)
{
	(void)arg;
	char self[PATH_MAX + 32];
	snprintf(self, sizeof self, "/proc/self/root%s", race_host);
	for (unsigned long n = 0; racing; n++) {
		unlink("/tmp/hostile/new");
		if (symlink(n % 2 ? race_host : self, "/tmp/hostile/new") == 0)
			rename("/tmp/hostile/new", "/tmp/hostile/target");
		int fd = open("/tmp/hostile/new", O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (fd >= 0) {
			close(fd);
			rename("/tmp/hostile/new", "/tmp/hostile/target");
		}
	}
	return NULL;
}

/* While one thread swaps /tmp/hostile/target between a file and symlinks to the host path,
 * this one chowns and stats it: every answer must be success or ENOENT. */
static int race(const char *host, int seconds)
{
	prepare();
	race_host = host;
	int fd = open("/tmp/hostile/target", O_CREAT | O_WRONLY, 0644);
	close(fd);
	pthread_t t;
	pthread_create(&t, NULL, swapper, NULL);
	/* At least `seconds`, and on a loaded machine longer (up to ten times), until the race
	 * has been run often enough to mean something. */
	time_t end = time(NULL) + seconds, limit = time(NULL) + 10 * seconds;
	long calls = 0, ok = 0, enoent = 0, other = 0;
	struct stat st;
	while ((time(NULL) < end || calls <= 1000) && time(NULL) < limit) {
		long r[4];
		int e[4];
		errno = 0; r[0] = syscall(SYS_chown, "/tmp/hostile/target", 42, 42); e[0] = errno;
		errno = 0; r[1] = syscall(SYS_fchownat, AT_FDCWD, "/tmp/hostile/target", 43, 43, 0); e[1] = errno;
		errno = 0; r[2] = syscall(SYS_stat, "/tmp/hostile/target", &st); e[2] = errno;
		errno = 0; r[3] = syscall(SYS_lchown, "/tmp/hostile/target", 44, 44); e[3] = errno;
		for (int i = 0; i < 4; i++) {
			calls++;
			if (r[i] == 0)
				ok++;
			else if (e[i] == ENOENT)
				enoent++;
			else {
				if (other++ < 5)
					report("race-unexpected", -1, e[i]);
			}
		}
	}
	racing = 0;
	pthread_join(t, NULL);
	printf("race-calls=%s\nrace-succeeded=%s\nrace-other=%ld\n", calls > 1000 ? "many" : "few",
	       ok > 0 ? "some" : "none", other);
	return 0;
}

/* Threads calling without pause, for a killer to hit in mid-call. */
static void *caller(void *arg)
{
	long i = (long)arg;
	struct stat st;
	gid_t g = (gid_t)i;
	for (;;) {
		syscall(SYS_chown, FILE_PATH, i, i);
		syscall(SYS_stat, FILE_PATH, &st);
		syscall(SYS_setgroups, 1, &g);
	}
	return NULL;
}

static int kill_mid_call(int n)
{
	prepare();
	int killed = 0;
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			pthread_t t[3];
			for (long k = 0; k < 3; k++)
				pthread_create(&t[k], NULL, caller, (void *)(k + i));
			caller((void *)(long)i);
		}
		struct timespec ts = {0, (i % 20) * 100000L};
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			killed++;
	}
	printf("killed=%d\n", killed);
	CALL("after-kill-chown", SYS_chown, FILE_PATH, 5, 6);
	struct stat st;
	if (stat(FILE_PATH, &st) == 0)
		printf("after-kill-owner=%u:%u\n", st.st_uid, st.st_gid);
	return 0;
}

/* N processes released at once by closing a pipe, each with its own file and ids. */
static int many(int n)
{
	prepare();
	int gate[2];
	if (pipe(gate))
		abort();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			break;
		}
		if (pid == 0) {
			char c, path[64];
			close(gate[1]);
			if (read(gate[0], &c, 1) != 0)
				_exit(3);
			snprintf(path, sizeof path, "/tmp/hostile/m%d", i);
			int fd = open(path, O_CREAT | O_WRONLY, 0600);
			close(fd);
			struct stat st;
			uid_t id = 1000 + i, r, e, s;
			int good = syscall(SYS_chown, path, id, id + 1) == 0 && stat(path, &st) == 0 &&
			           st.st_uid == id && st.st_gid == id + 1;
			good = good && syscall(SYS_setresgid, id, id, id) == 0 &&
			       syscall(SYS_setresuid, id, id, id) == 0 &&
			       syscall(SYS_getresuid, &r, &e, &s) == 0 && r == id && e == id && s == id;
			_exit(good ? 0 : 1);
		}
	}
	close(gate[0]);
	close(gate[1]);
	int ok = 0, status;
	while (wait(&status) > 0)
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
	printf("many-ok=%d\n", ok);
	return 0;
}

int main(int argc, char **argv)
{
	page = sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "pointers")) {
		prepare();
		chown_family();
		stat_family();
		credentials();
		exec_family();
		return 0;
	}
	if (!strcmp(mode, "creds"))
		return creds();
	if (!strcmp(mode, "whoami"))
		return whoami();
	if (!strcmp(mode, "paths"))
		return paths(argc - 2, argv + 2);
	if (!strcmp(mode, "race") && argc == 4)
		return race(argv[2], atoi(argv[3]));
	if (!strcmp(mode, "kill") && argc == 3)
		return kill_mid_call(atoi(argv[2]));
	if (!strcmp(mode, "many") && argc == 3)
		return many(atoi(argv[2]));
	fprintf(stderr, "usage: hostile pointers|creds|whoami|paths HOST...|race HOST SECONDS|kill N|many N\n");
	return 2;
}
