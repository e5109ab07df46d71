/*
 * lab.c - a user's lab network: its holder process and joining it (see
 * lab.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "compat.h"
#include "lab.h"
#include "ns.h"
#include "param.h"
#include "reg.h"
#include "util.h"

/* The lab this process has joined, if any (a process joins one, once). */
static char *lab_joined;

/* Tells whether a lab name is usable as a file name and in messages. */
bool
lab_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n <= 32 && strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n;
}

/* Opens a directory of ours that no one else may write. */
static int
lab_open_dir(int at, const char *name)
{
	return util_open_owned_dir(at, name, geteuid());
}

/* The registry's labs/ directory, made on first use. */
static int
lab_dir(struct reg *reg)
{
	_cleanup_close_ int top = lab_open_dir(AT_FDCWD, reg_path(reg));

	if (top < 0)
		return top;
	if (mkdirat(top, "labs", 0700) < 0 && errno != EEXIST)
		return -errno;
	return lab_open_dir(top, "labs");
}

/*
 * Whether pid is a live holder of ours: the start time recorded, and a
 * user namespace, not ours, that we own.
 */
static bool
lab_holder_ok(pid_t pid, unsigned long long start)
{
	unsigned long long now;

	if (reg_proc_start(pid, &now) < 0 || now != start)
		return false;
	return reg_pid_in_userns_of(pid, geteuid());
}

/* Reads labs/NAME: the holder's pid and start time; -ENOENT if none. */
static int
lab_read(int dir, const char *name, pid_t *ret_pid,
    unsigned long long *ret_start)
{
	_cleanup_close_ int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC);
	char buf[64];
	struct stat st;
	int pid, r;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_size >= (off_t)sizeof(buf))
		return -EINVAL;
	memset(buf, 0, sizeof(buf));
	r = util_read_full(fd, buf, (size_t)st.st_size);
	if (r < 0)
		return r;
	if (sscanf(buf, "%d %llu", &pid, ret_start) != 2 || pid <= 0)
		return -EINVAL;
	*ret_pid = pid;
	return 0;
}

/* Writes labs/NAME atomically. */
static int
lab_write(int dir, const char *name, pid_t pid, unsigned long long start)
{
	_cleanup_free_ char *tmp = xasprintf(".%s.tmp", name);
	_cleanup_close_ int fd = -1;
	char buf[64];
	int r;

	snprintf(buf, sizeof(buf), "%d %llu\n", (int)pid, start);
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	r = util_write_full(fd, buf, strlen(buf));
	if (r < 0)
		return r;
	if (renameat(dir, tmp, dir, name) < 0)
		return -errno;
	return 0;
}

/* Sends one netlink request and waits for its ack. */
static int
lab_nl_ack(struct mnl_socket *nl, struct nlmsghdr *nlh)
{
	char buf[8192];
	unsigned portid = mnl_socket_get_portid(nl);
	ssize_t n;

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (n < 0)
		return -errno;
	if (mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, portid, NULL,
	    NULL) < 0)
		return -errno;
	return 0;
}

/* Creates a link of a kind (NULL: an existing one) and sets it up. */
static int
lab_nl_link(struct mnl_socket *nl, const char *name, const char *kind,
    unsigned seq)
{
	char buf[8192];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifm;
	struct nlattr *info;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_flags = IFF_UP;
	ifm->ifi_change = IFF_UP;
	if (kind != NULL) {
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
		info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, kind);
		mnl_attr_nest_end(nlh, info);
	} else {
		ifm->ifi_index = (int)if_nametoindex(name);
		if (ifm->ifi_index == 0)
			return -ENODEV;
	}
	return lab_nl_ack(nl, nlh);
}

/* In the holder: lo up, and lab0 made and up. */
static int
lab_holder_net(void)
{
	struct mnl_socket *nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	int r;

	if (nl == NULL)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = -errno;
		mnl_socket_close(nl);
		return r;
	}
	r = lab_nl_link(nl, "lo", NULL, 1);
	if (r == 0)
		r = lab_nl_link(nl, LAB_IFNAME, "bridge", 2);
	/* A new link is created down whatever the flags say: up it now. */
	if (r == 0)
		r = lab_nl_link(nl, LAB_IFNAME, NULL, 3);
	mnl_socket_close(nl);
	return r;
}

/* Reports an int over a pipe (the holder's steps). */
static void
lab_report(int fd, int v)
{
	(void)!write(fd, &v, sizeof(v));
}

/*
 * The holder: in a user and network namespace of its own, lab0 up, then
 * nothing but waiting for SIGTERM (or SIGKILL), so that the namespaces
 * live on.  It does not die with ljail, which is why it is a grandchild.
 */
static void __attribute__((noreturn))
lab_holder_main(int go, int rep, const char *name)
{
	sigset_t all, term;
	pid_t pid = 0;
	char byte;
	int r, sig;

	setsid();
	pid = fork();
	if (pid != 0)
		_exit(pid < 0 ? 1 : 0);	/* the middle child: done */
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
		lab_report(rep, -errno);
		_exit(1);
	}
	lab_report(rep, (int)getpid());
	if (read(go, &byte, 1) != 1)
		_exit(1);	/* ljail gave up: nothing to hold */
	r = ns_become_root(true);
	if (r == 0)
		r = lab_holder_net();
	lab_report(rep, r);
	if (r < 0)
		_exit(1);
	{
		char comm[16];

		snprintf(comm, sizeof(comm), "ljail-lab %s", name);
		prctl(PR_SET_NAME, comm);
	}
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	(void)!chdir("/");
	/* Nothing of ljail's stays open in a process that lives on. */
	compat_close_range(0, ~0U, 0);
	r = open("/dev/null", O_RDWR);
	if (r == 0) {
		(void)!dup2(0, 1);
		(void)!dup2(0, 2);
	}
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigaddset(&term, SIGHUP);
	for (;;) {
		sig = sigwaitinfo(&term, NULL);
		if (sig > 0)
			_exit(0);
	}
}

/* Reads one int from the holder; -EIO when it died first. */
static int
lab_read_report(int fd, int *ret)
{
	ssize_t n;

	do
		n = read(fd, ret, sizeof(*ret));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*ret) ? 0 : -EIO;
}

/* Starts a lab's holder and writes its maps; its pid in *ret_pid. */
static int
lab_spawn(const char *name, pid_t *ret_pid, char **ret_msg)
{
	int go[2], rep[2], v, r, status;
	struct ns_subids s;
	pid_t middle, holder;

	if (pipe2(go, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(rep, O_CLOEXEC) < 0) {
		r = -errno;
		close(go[0]);
		close(go[1]);
		return r;
	}
	fflush(NULL);
	middle = fork();
	if (middle == 0) {
		close(go[1]);
		close(rep[0]);
		lab_holder_main(go[0], rep[1], name);
	}
	close(go[0]);
	close(rep[1]);
	r = middle < 0 ? -errno : lab_read_report(rep[0], &v);
	if (middle > 0)
		while (waitpid(middle, &status, 0) < 0 && errno == EINTR)
			;
	if (r == 0 && v < 0) {
		*ret_msg = xasprintf("lab %s: unshare: %s", name,
		    strerror(-v));
		r = v;
	}
	if (r < 0)
		goto out;
	holder = v;
	/* The lab's ids are a jail's: the caller, and its ranges if any. */
	if (ns_subids_self(&s) == NS_SUBID_OK)
		r = ns_write_idmap_subid(holder, geteuid(), getegid(), &s,
		    ret_msg);
	else
		r = ns_write_idmap_self(holder, geteuid(), getegid());
	if (r < 0) {
		if (*ret_msg == NULL)
			*ret_msg = xasprintf("lab %s: uid_map: %s", name,
			    strerror(-r));
		kill(holder, SIGKILL);
		goto out;
	}
	(void)!write(go[1], "g", 1);
	r = lab_read_report(rep[0], &v);
	if (r == 0 && v < 0)
		r = v;
	if (r < 0) {
		*ret_msg = xasprintf("lab %s: %s: %s", name, LAB_IFNAME,
		    strerror(-r));
		kill(holder, SIGKILL);
		goto out;
	}
	*ret_pid = holder;
out:
	close(go[1]);
	close(rep[0]);
	return r;
}

/* Finds or starts the holder of a lab, under the registry lock. */
static int
lab_holder(struct reg *reg, const char *name, pid_t *ret_pid,
    char **ret_msg)
{
	_cleanup_close_ int dir = lab_dir(reg);
	unsigned long long start;
	pid_t pid = 0;
	int r;

	if (dir < 0) {
		*ret_msg = xasprintf("lab %s: %s/labs: %s", name, reg_path(reg),
		    strerror(-dir));
		return dir;
	}
	if (lab_read(dir, name, &pid, &start) == 0 &&
	    lab_holder_ok(pid, start)) {
		*ret_pid = pid;
		return 0;
	}
	r = lab_spawn(name, &pid, ret_msg);
	if (r < 0)
		return r;
	r = reg_proc_start(pid, &start);
	if (r == 0)
		r = lab_write(dir, name, pid, start);
	if (r < 0) {
		kill(pid, SIGKILL);
		*ret_msg = xasprintf("lab %s: %s/labs: %s", name, reg_path(reg),
		    strerror(-r));
		return r;
	}
	*ret_pid = pid;
	return 0;
}

/* Joins the user, then the network namespace of a holder. */
static int
lab_join(pid_t pid)
{
	_cleanup_close_ int user = -1, net = -1;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)pid);
	user = open(path, O_RDONLY | O_CLOEXEC);
	if (user < 0)
		return -errno;
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	net = open(path, O_RDONLY | O_CLOEXEC);
	if (net < 0)
		return -errno;
	/*
	 * The user namespace first: its owner (us) may join it, and in it
	 * we may join the network namespace it owns.  From here on this
	 * process is root of the lab, and of nothing on the host.
	 */
	if (setns(user, CLONE_NEWUSER) < 0 || setns(net, CLONE_NEWNET) < 0)
		return -errno;
	return 0;
}

/* Puts a lab jail's addresses without an interface on lab0. */
void
lab_conf_defaults(struct conf_jail *j)
{
	char *v[] = { (char *)LAB_IFNAME, NULL };

	if (!conf_jail_has(j, P_INTERFACE))
		conf_jail_set(j, "interface", v, false, NULL, 0);
}

/* Joins the jail's lab before its creation, starting it if need be. */
int
lab_enter(const struct conf_jail *j, struct reg *reg, bool *ret_joined,
    char **ret_msg)
{
	const char *name = conf_jail_str(j, P_LJAIL_LAB);
	pid_t pid = 0;
	int r;

	*ret_joined = false;
	*ret_msg = NULL;
	if (name == NULL) {
		if (lab_joined == NULL)
			return 0;
		*ret_msg = xasprintf("a jail without ljail.lab cannot follow "
		    "one of lab %s in the same ljail run", lab_joined);
		return -EINVAL;
	}
	if (!lab_name_ok(name)) {
		*ret_msg = xasprintf("ljail.lab: bad lab name \"%s\" (1-32 "
		    "letters, digits, _ or -)", name);
		return -EINVAL;
	}
	if (lab_joined != NULL) {
		if (strcmp(lab_joined, name) != 0) {
			*ret_msg = xasprintf("ljail.lab: a jail of lab %s "
			    "cannot follow one of lab %s in the same ljail "
			    "run", name, lab_joined);
			return -EINVAL;
		}
		*ret_joined = true;
		return 0;
	}
	if (geteuid() == 0 || ns_in_jail()) {
		*ret_msg = xstrdup("ljail.lab: a lab is for jails made "
		    "without root, on the host (root has vnet and macvlan)");
		return -EINVAL;
	}
	r = reg_lock(reg);
	if (r < 0) {
		*ret_msg = xasprintf("registry lock: %s", strerror(-r));
		return r;
	}
	r = lab_holder(reg, name, &pid, ret_msg);
	reg_unlock(reg);
	if (r < 0)
		return r;
	r = lab_join(pid);
	if (r < 0) {
		*ret_msg = xasprintf("lab %s: joining its namespaces: %s", name,
		    strerror(-r));
		return r;
	}
	lab_joined = xstrdup(name);
	*ret_joined = true;
	return 0;
}
