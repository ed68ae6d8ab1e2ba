/*
 * mmspec-probe: runs one compiled fidelity scenario against the live Linux kernel and prints what the
 * kernel's memory management did to every page (pagemap, kpagecount, kpageflags).
 *
 * Part of mmspec (Apache-2.0). Written from the documented /proc interfaces
 * (Documentation/admin-guide/mm/pagemap.rst); no kernel code is used.
 *
 * Usage:  mmspec-probe <workdir> < program
 *
 * The program (written by org.mmspec.checker.fidelity.kernel.ProbeProgram) is line oriented:
 *   mmspec-probe-program 1
 *   F <file> <pages> <byte0> <byte1> ...          create file f<file> in workdir, page i filled with byte i
 *   G <region> <base-hex>                          fixed base address of a region (same in every process)
 *   Z                                              emulate mm_forbids_zeropage(): see the Z step
 *   S <step> M <proc> <region> <pages> <file|-1> <offset-pages> <shared 0|1> <prot bits 1=r 2=w>
 *   S <step> R <proc> <region> <page>              read the first byte of a page
 *   S <step> Z <proc> <region> <page>              read the first byte of a page of private anonymous
 *                                                  memory as a kernel with mm_forbids_zeropage() would
 *   S <step> W <proc> <region> <page> <value>      store value into the first byte of a page
 *   S <step> K <proc> <child>                      fork; the child becomes process slot <child>
 *   S <step> U <proc> <region> <page> <count>      munmap
 *   S <step> X <proc> <region> <page> <count> <prot>   mprotect
 *   S <step> A <proc> <region> <page> <count> <advice 0=dontneed 1=cold 2=pageout>
 *   S <step> T <proc> <file> <page> <value>        pwrite one byte at the start of a file page
 *   S <step> E <proc>                              the process exits
 *   S <step> O <n> <proc> <region> <pages> ...     observe n (process, region, pages) triples
 *   S <step> L <n> <proc> <region> <pages> ...     after step <step>: list the frames mapped there
 *   end
 *
 * Output (stdout), one record per line, nothing else:
 *   FACT <key> <value>                              host facts, first
 *   S <step> ok | value <byte> | segv | sigbus | errno <name>
 *   P <step> <proc> <region> <page> <vma-perms|-> <pagemap-hex> <kpagecount> <kpageflags-hex>
 *   L <step> <pfn-hex> ...                          frames (not the zero page) mapped after the step
 *   C <file> <page> <byte>                          first byte of each file page after the run
 *   END
 *   ERROR <message>                                 the probe itself failed (exit status 3)
 *
 * Processes: a controller (this process, never touching scenario memory) forks worker slot 0 and
 * drives every worker through a private command pipe and reply pipe, one operation at a time, so the
 * order of operations across processes is exactly the program's order. Before every operation and
 * every observation the controller drains the per-CPU LRU batches of all CPUs (mbind with
 * MPOL_MF_MOVE calls lru_add_drain_all), so that LRU flags are settled values and not batching noise.
 *
 * With the Z record the probe stands in for a host whose kernel never maps the shared zero page
 * (mm_forbids_zeropage(), e.g. s390 under KVM): it reports zero_page_on_read_fault no, and a Z step first
 * faults the page in as do_anonymous_page() does there — a fresh zeroed page, exactly the write-fault path —
 * by storing a zero byte where the page has no PTE yet (see fault_in_without_zero_page).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PROCS 8
#define MAX_REGIONS 8
#define MAX_FILES 4
#define MAX_PAGES 16
#define MAX_STEPS 256
#define MAX_TRIPLES (MAX_PROCS * MAX_REGIONS)

#ifndef MADV_COLD
#define MADV_COLD 20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define PROBE_MPOL_DEFAULT 0
#define PROBE_MPOL_MF_MOVE 2
#define KPF_ZERO_PAGE 24

struct op {
	int step;
	char kind;
	int proc;
	int a[2 + 3 * MAX_TRIPLES]; /* operands in program order */
	int n;                      /* number of operands */
};

enum status { ST_OK, ST_VALUE, ST_SEGV, ST_BUS, ST_ERRNO };

struct reply {
	int status;
	int value;
	int err;
	pid_t pid;
};

struct vma {
	uintptr_t start, end;
	char perms[8];
};

struct file_spec {
	int defined;
	int pages;
	unsigned char fill[MAX_PAGES];
};

static char workdir[4096];
static long page_size;
static struct file_spec files[MAX_FILES];
static uintptr_t region_base[MAX_REGIONS];
static struct op program[MAX_STEPS];
static int program_len;

static int cmd_pipe[MAX_PROCS][2];
static int reply_pipe[MAX_PROCS][2];
static pid_t pids[MAX_PROCS];
static int pidfds[MAX_PROCS];
static int alive[MAX_PROCS];
static void *scratch;
static int drain_works;
static int forbid_zeropage;

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static int read_maps(pid_t pid, struct vma *out, int max);
static const char *vma_perms(const struct vma *v, int n, uintptr_t addr);
static uint64_t read_u64(int fd, uint64_t index, const char *what);

static void die(const char *fmt, ...)
{
	va_list ap;
	printf("ERROR ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(3);
}

static const char *errno_name(int e)
{
	switch (e) {
	case EINVAL: return "EINVAL";
	case ENOMEM: return "ENOMEM";
	case EEXIST: return "EEXIST";
	case EACCES: return "EACCES";
	case EPERM: return "EPERM";
	case ENODEV: return "ENODEV";
	case EFAULT: return "EFAULT";
	case EAGAIN: return "EAGAIN";
	case EBADF: return "EBADF";
	case ENOENT: return "ENOENT";
	case ENOSYS: return "ENOSYS";
	default: return NULL;
	}
}

/* ---------------------------------------------------------------- pipes */

static int read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t r = read(fd, (char *)buf + done, len - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t r = write(fd, (const char *)buf + done, len - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

/* ---------------------------------------------------------------- worker side */

static sigjmp_buf touch_jump;
static volatile sig_atomic_t touch_signal;

static void on_fault(int sig)
{
	touch_signal = sig;
	siglongjmp(touch_jump, 1);
}

static void file_path(char *buf, size_t len, int file)
{
	snprintf(buf, len, "%s/f%d", workdir, file);
}

static unsigned char *page_addr(int region, int page)
{
	return (unsigned char *)(region_base[region] + (uintptr_t)page * (uintptr_t)page_size);
}

static void set_errno_reply(struct reply *r, int e)
{
	r->status = ST_ERRNO;
	r->err = e;
}

static void do_mmap(const struct op *o, struct reply *r)
{
	int region = o->a[0], pages = o->a[1], file = o->a[2], offset = o->a[3];
	int shared = o->a[4], prot_bits = o->a[5];
	int prot = ((prot_bits & 1) ? PROT_READ : 0) | ((prot_bits & 2) ? PROT_WRITE : 0);
	int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED_NOREPLACE;
	int fd = -1;
	size_t len = (size_t)pages * (size_t)page_size;
	if (file < 0) {
		flags |= MAP_ANONYMOUS;
	} else {
		char path[4200];
		file_path(path, sizeof path, file);
		fd = open(path, O_RDWR);
		if (fd < 0) {
			set_errno_reply(r, errno);
			return;
		}
	}
	void *want = page_addr(region, 0);
	void *got = mmap(want, len, prot, flags, fd, (off_t)offset * page_size);
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (got == MAP_FAILED) {
		set_errno_reply(r, e);
		return;
	}
	if (got != want) { /* kernels before 4.17 treat MAP_FIXED_NOREPLACE as a hint */
		munmap(got, len);
		set_errno_reply(r, EEXIST);
		return;
	}
	/* Keep transparent huge pages (PMD and multi-size) out of the picture; EINVAL without THP. */
	if (madvise(got, len, MADV_NOHUGEPAGE) != 0 && errno != EINVAL) {
		set_errno_reply(r, errno);
		return;
	}
	r->status = ST_OK;
}

static void do_touch(const struct op *o, struct reply *r, int write)
{
	volatile unsigned char *p = page_addr(o->a[0], o->a[1]);
	touch_signal = 0;
	if (sigsetjmp(touch_jump, 1) == 0) {
		if (write) {
			*p = (unsigned char)o->a[2];
			r->status = ST_OK;
		} else {
			r->value = *p;
			r->status = ST_VALUE;
		}
	} else {
		r->status = touch_signal == SIGBUS ? ST_BUS : ST_SEGV;
	}
}

/*
 * The Z step's emulation of mm_forbids_zeropage(). Where the page has no PTE yet (pagemap: neither present
 * nor swapped) and its VMA is readable, a read fault on such a kernel allocates a fresh zeroed page and maps
 * it as a write fault would (do_anonymous_page: writable and dirty if the VMA is writable, read-only
 * otherwise, the VMA's anon_vma prepared). Storing a zero byte makes this kernel take exactly that path
 * and leaves the contents zero; on a read-only VMA the page is made writable for the store and read-only
 * again afterwards. Anywhere else the read goes to the kernel unchanged.
 */
static void fault_in_without_zero_page(unsigned char *p)
{
	static struct vma vmas[4096];
	int pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0)
		return;
	uint64_t e = read_u64(pm, (uintptr_t)p / (uint64_t)page_size, "pagemap");
	close(pm);
	if ((e >> 63) & 1 || (e >> 62) & 1)
		return;
	int nv = read_maps(getpid(), vmas, 4096);
	const char *perms = vma_perms(vmas, nv, (uintptr_t)p);
	if (perms[0] != 'r' || perms[3] != 'p')
		return;
	int writable = perms[1] == 'w';
	if (!writable && mprotect(p, (size_t)page_size, PROT_READ | PROT_WRITE) != 0)
		return;
	*(volatile unsigned char *)p = 0;
	if (!writable)
		mprotect(p, (size_t)page_size, PROT_READ);
}

static void do_range(const struct op *o, struct reply *r)
{
	void *start = page_addr(o->a[0], o->a[1]);
	size_t len = (size_t)o->a[2] * (size_t)page_size;
	int rc = 0;
	if (o->kind == 'U') {
		rc = munmap(start, len);
	} else if (o->kind == 'X') {
		int prot = ((o->a[3] & 1) ? PROT_READ : 0) | ((o->a[3] & 2) ? PROT_WRITE : 0);
		rc = mprotect(start, len, prot);
	} else {
		static const int advice[] = { MADV_DONTNEED, MADV_COLD, MADV_PAGEOUT };
		rc = madvise(start, len, advice[o->a[3]]);
	}
	if (rc != 0)
		set_errno_reply(r, errno);
	else
		r->status = ST_OK;
}

static void do_pwrite(const struct op *o, struct reply *r)
{
	char path[4200];
	unsigned char value = (unsigned char)o->a[2];
	file_path(path, sizeof path, o->a[0]);
	int fd = open(path, O_RDWR);
	if (fd < 0) {
		set_errno_reply(r, errno);
		return;
	}
	ssize_t n = pwrite(fd, &value, 1, (off_t)o->a[1] * page_size);
	int e = errno;
	close(fd);
	if (n != 1)
		set_errno_reply(r, n < 0 ? e : EAGAIN);
	else
		r->status = ST_OK;
}

static void worker(int slot) __attribute__((noreturn));

static void do_fork(int slot, const struct op *o, struct reply *r)
{
	int child = o->a[0];
	pid_t c = fork();
	if (c < 0) {
		set_errno_reply(r, errno);
		return;
	}
	if (c == 0) {
		/* The child never uses its parent's pipes. */
		close(cmd_pipe[slot][0]);
		close(reply_pipe[slot][1]);
		worker(child);
	}
	/* The parent never uses the child's pipes. */
	close(cmd_pipe[child][0]);
	close(reply_pipe[child][1]);
	r->pid = c;
	r->status = ST_OK;
}

static void worker(int slot)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fault;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	for (;;) {
		struct op o;
		struct reply r;
		if (read_full(cmd_pipe[slot][0], &o, sizeof o) != 0)
			_exit(0); /* the controller is gone */
		memset(&r, 0, sizeof r);
		switch (o.kind) {
		case 'M': do_mmap(&o, &r); break;
		case 'R': do_touch(&o, &r, 0); break;
		case 'Z':
			fault_in_without_zero_page(page_addr(o.a[0], o.a[1]));
			do_touch(&o, &r, 0);
			break;
		case 'W': do_touch(&o, &r, 1); break;
		case 'K': do_fork(slot, &o, &r); break;
		case 'U':
		case 'X':
		case 'A': do_range(&o, &r); break;
		case 'T': do_pwrite(&o, &r); break;
		case 'E': r.status = ST_OK; break;
		default: set_errno_reply(&r, ENOSYS); break;
		}
		if (write_full(reply_pipe[slot][1], &r, sizeof r) != 0)
			_exit(1);
		if (o.kind == 'E')
			_exit(0);
	}
}

/* ---------------------------------------------------------------- controller side */

static void drain_lru_batches(void)
{
	if (drain_works)
		syscall(SYS_mbind, scratch, (unsigned long)page_size, PROBE_MPOL_DEFAULT, NULL, 0UL,
			PROBE_MPOL_MF_MOVE);
}

static void wait_dead(int slot)
{
	if (pidfds[slot] >= 0) {
		struct pollfd p = { .fd = pidfds[slot], .events = POLLIN };
		while (poll(&p, 1, -1) < 0 && errno == EINTR)
			;
		close(pidfds[slot]);
		pidfds[slot] = -1;
		return;
	}
	/* No pidfd (before Linux 5.3): wait until the task is a zombie or gone. */
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pids[slot]);
	for (;;) {
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			return;
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (n <= 0)
			return;
		buf[n] = 0;
		char *rp = strrchr(buf, ')');
		if (rp && (rp[2] == 'Z' || rp[2] == 'X'))
			return;
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
}

static void track_pid(int slot, pid_t pid)
{
	pids[slot] = pid;
	alive[slot] = 1;
	pidfds[slot] = (int)syscall(SYS_pidfd_open, pid, 0);
}

static void send_op(const struct op *o, struct reply *r)
{
	if (!alive[o->proc])
		die("step %d: process slot %d is not alive", o->step, o->proc);
	if (write_full(cmd_pipe[o->proc][1], o, sizeof *o) != 0 ||
	    read_full(reply_pipe[o->proc][0], r, sizeof *r) != 0)
		die("step %d: lost contact with process slot %d", o->step, o->proc);
}

static void print_reply(int step, const struct reply *r)
{
	switch (r->status) {
	case ST_OK: printf("S %d ok\n", step); break;
	case ST_VALUE: printf("S %d value %d\n", step, r->value); break;
	case ST_SEGV: printf("S %d segv\n", step); break;
	case ST_BUS: printf("S %d sigbus\n", step); break;
	default: {
		const char *name = errno_name(r->err);
		if (name)
			printf("S %d errno %s\n", step, name);
		else
			printf("S %d errno E%d\n", step, r->err);
	}
	}
}

static int read_maps(pid_t pid, struct vma *out, int max)
{
	char path[64], line[4400];
	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open %s: %s", path, strerror(errno));
	int n = 0;
	while (n < max && fgets(line, sizeof line, f)) {
		unsigned long s, e;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s", &s, &e, perms) == 3) {
			out[n].start = s;
			out[n].end = e;
			snprintf(out[n].perms, sizeof out[n].perms, "%s", perms);
			n++;
		}
	}
	fclose(f);
	return n;
}

static const char *vma_perms(const struct vma *v, int n, uintptr_t addr)
{
	for (int i = 0; i < n; i++)
		if (addr >= v[i].start && addr < v[i].end)
			return v[i].perms;
	return "-";
}

static uint64_t read_u64(int fd, uint64_t index, const char *what)
{
	uint64_t v = 0;
	if (pread(fd, &v, sizeof v, (off_t)(index * sizeof v)) != (ssize_t)sizeof v)
		die("cannot read %s at index %llu: %s", what, (unsigned long long)index, strerror(errno));
	return v;
}

static void observe_triple(int step, int proc, int region, int pages, int kcount, int kflags)
{
	static struct vma vmas[4096];
	char path[64];
	if (!alive[proc])
		die("step %d: observing process slot %d which is not alive", step, proc);
	int nv = read_maps(pids[proc], vmas, 4096);
	snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pids[proc]);
	int pm = open(path, O_RDONLY);
	if (pm < 0)
		die("cannot open %s: %s", path, strerror(errno));
	for (int i = 0; i < pages; i++) {
		uintptr_t addr = (uintptr_t)page_addr(region, i);
		uint64_t e = read_u64(pm, addr / (uint64_t)page_size, "pagemap");
		uint64_t count = 0, flags = 0;
		if (e >> 63) {
			uint64_t pfn = e & ((1ULL << 55) - 1);
			count = read_u64(kcount, pfn, "/proc/kpagecount");
			flags = read_u64(kflags, pfn, "/proc/kpageflags");
		}
		printf("P %d %d %d %d %s %016llx %llu %016llx\n", step, proc, region, i,
		       vma_perms(vmas, nv, addr), (unsigned long long)e, (unsigned long long)count,
		       (unsigned long long)flags);
	}
	close(pm);
}

/* The frames mapped in the given (process, region, pages) triples, for frame labelling. */
static void sample_frames(const struct op *o, int kflags)
{
	printf("L %d", o->step);
	for (int t = 0; t < o->a[0]; t++) {
		int proc = o->a[1 + 3 * t], region = o->a[2 + 3 * t], pages = o->a[3 + 3 * t];
		char path[64];
		if (!alive[proc])
			die("step %d: sampling process slot %d which is not alive", o->step, proc);
		snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pids[proc]);
		int pm = open(path, O_RDONLY);
		if (pm < 0)
			die("cannot open %s: %s", path, strerror(errno));
		for (int i = 0; i < pages; i++) {
			uintptr_t addr = (uintptr_t)page_addr(region, i);
			uint64_t e = read_u64(pm, addr / (uint64_t)page_size, "pagemap");
			uint64_t pfn = e & ((1ULL << 55) - 1);
			if ((e >> 63) && !((read_u64(kflags, pfn, "/proc/kpageflags") >> KPF_ZERO_PAGE) & 1))
				printf(" %llx", (unsigned long long)pfn);
		}
		close(pm);
	}
	printf("\n");
}

static void run_program(void)
{
	int kcount = open("/proc/kpagecount", O_RDONLY);
	int kflags = open("/proc/kpageflags", O_RDONLY);
	if (kcount < 0 || kflags < 0)
		die("cannot open /proc/kpagecount or /proc/kpageflags: %s", strerror(errno));
	for (int i = 0; i < program_len; i++) {
		const struct op *o = &program[i];
		if (o->kind == 'L') {
			sample_frames(o, kflags);
			continue;
		}
		drain_lru_batches();
		if (o->kind == 'O') {
			for (int t = 0; t < o->a[0]; t++)
				observe_triple(o->step, o->a[1 + 3 * t], o->a[2 + 3 * t], o->a[3 + 3 * t], kcount,
					       kflags);
			printf("S %d ok\n", o->step);
			continue;
		}
		struct reply r;
		send_op(o, &r);
		if (o->kind == 'K' && r.status == ST_OK)
			track_pid(o->a[0], r.pid);
		if (o->kind == 'E') {
			wait_dead(o->proc);
			alive[o->proc] = 0;
		}
		print_reply(o->step, &r);
	}
	fflush(stdout);
	close(kcount);
	close(kflags);
}

/* ---------------------------------------------------------------- program input */

static void parse_ints(const char *s, int *out, int max, int *n, int line)
{
	*n = 0;
	while (*s) {
		char *end;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '\n')
			break;
		long v = strtol(s, &end, 10);
		if (end == s)
			die("program line %d: expected an integer at '%s'", line, s);
		if (*n >= max)
			die("program line %d: too many operands", line);
		out[(*n)++] = (int)v;
		s = end;
	}
}

static void check_range(int v, int lo, int hi, int line, const char *what)
{
	if (v < lo || v >= hi)
		die("program line %d: %s %d out of range [%d,%d)", line, what, v, lo, hi);
}

#define MAX_OPERANDS (2 + 3 * MAX_TRIPLES + 4)

static void read_file_record(const char *rest, int lineno)
{
	int v[MAX_OPERANDS], n;
	parse_ints(rest, v, MAX_PAGES + 2, &n, lineno);
	if (n < 2)
		die("program line %d: F needs file and page count", lineno);
	check_range(v[0], 0, MAX_FILES, lineno, "file");
	check_range(v[1], 1, MAX_PAGES + 1, lineno, "file pages");
	if (n != 2 + v[1])
		die("program line %d: F needs one fill byte per page", lineno);
	files[v[0]].defined = 1;
	files[v[0]].pages = v[1];
	for (int i = 0; i < v[1]; i++)
		files[v[0]].fill[i] = (unsigned char)v[2 + i];
}

static void read_region_record(const char *rest, int lineno)
{
	int region;
	unsigned long base;
	if (sscanf(rest, "%d %lx", &region, &base) != 2)
		die("program line %d: G needs region and hex base", lineno);
	check_range(region, 0, MAX_REGIONS, lineno, "region");
	region_base[region] = base;
}

/* O and L: a count, then (process, region, pages) triples; run by the controller itself. */
static void check_triples(const int *v, int n, int lineno)
{
	if (n < 1 || v[0] > MAX_TRIPLES || n != 1 + 3 * v[0])
		die("program line %d: malformed process/region list", lineno);
	for (int t = 0; t < v[0]; t++) {
		check_range(v[1 + 3 * t], 0, MAX_PROCS, lineno, "process");
		check_range(v[2 + 3 * t], 0, MAX_REGIONS, lineno, "region");
		check_range(v[3 + 3 * t], 1, MAX_PAGES + 1, lineno, "pages");
	}
}

static void check_operands(const struct op *o, int lineno)
{
	if (strchr("MRZWKUXATE", o->kind) == NULL)
		die("program line %d: unknown step kind '%c'", lineno, o->kind);
	if (o->kind == 'K')
		check_range(o->a[0], 1, MAX_PROCS, lineno, "child process");
	if (o->kind == 'A')
		check_range(o->a[3], 0, 3, lineno, "advice");
	if (strchr("MRZWUXA", o->kind))
		check_range(o->a[0], 0, MAX_REGIONS, lineno, "region");
	if (o->kind == 'T')
		check_range(o->a[0], 0, MAX_FILES, lineno, "file");
}

static void read_step_record(const char *rest, int lineno)
{
	int v[MAX_OPERANDS], n, step, consumed;
	char kind;
	if (sscanf(rest, "%d %c%n", &step, &kind, &consumed) != 2)
		die("program line %d: S needs step and kind", lineno);
	if (program_len >= MAX_STEPS)
		die("program line %d: too many steps", lineno);
	struct op *o = &program[program_len++];
	memset(o, 0, sizeof *o);
	o->step = step;
	o->kind = kind;
	parse_ints(rest + consumed, v, MAX_OPERANDS, &n, lineno);
	if (kind == 'O' || kind == 'L') {
		check_triples(v, n, lineno);
		o->n = n;
		memcpy(o->a, v, sizeof(int) * (size_t)n);
		return;
	}
	if (n < 1)
		die("program line %d: missing process", lineno);
	check_range(v[0], 0, MAX_PROCS, lineno, "process");
	o->proc = v[0];
	o->n = n - 1;
	memcpy(o->a, v + 1, sizeof(int) * (size_t)o->n);
	check_operands(o, lineno);
}

static void read_program(FILE *in)
{
	char line[4096];
	int lineno = 1;
	if (!fgets(line, sizeof line, in) || strcmp(line, "mmspec-probe-program 1\n") != 0)
		die("program: expected header 'mmspec-probe-program 1'");
	while (fgets(line, sizeof line, in)) {
		lineno++;
		if (strcmp(line, "end\n") == 0)
			return;
		switch (line[0]) {
		case 'F': read_file_record(line + 1, lineno); break;
		case 'G': read_region_record(line + 1, lineno); break;
		case 'S': read_step_record(line + 1, lineno); break;
		case 'Z': forbid_zeropage = 1; break;
		default: die("program line %d: unknown record '%c'", lineno, line[0]);
		}
	}
	die("program: missing 'end'");
}

/* ---------------------------------------------------------------- files */

static void create_files(void)
{
	unsigned char *buf = malloc((size_t)page_size);
	if (!buf)
		die("out of memory");
	for (int f = 0; f < MAX_FILES; f++) {
		char path[4200];
		if (!files[f].defined)
			continue;
		file_path(path, sizeof path, f);
		unlink(path);
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0)
			die("cannot create %s: %s", path, strerror(errno));
		/* One page per write(): keeps the page cache in order-0 folios. */
		for (int p = 0; p < files[f].pages; p++) {
			memset(buf, files[f].fill[p], (size_t)page_size);
			if (pwrite(fd, buf, (size_t)page_size, (off_t)p * page_size) != page_size)
				die("cannot write %s: %s", path, strerror(errno));
		}
		/* Start from clean, uptodate page-cache pages. */
		if (fsync(fd) != 0)
			die("cannot fsync %s: %s", path, strerror(errno));
		close(fd);
	}
	free(buf);
}

static void report_and_remove_files(void)
{
	for (int f = 0; f < MAX_FILES; f++) {
		char path[4200];
		if (!files[f].defined)
			continue;
		file_path(path, sizeof path, f);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			die("cannot reopen %s: %s", path, strerror(errno));
		for (int p = 0; p < files[f].pages; p++) {
			unsigned char b = 0;
			if (pread(fd, &b, 1, (off_t)p * page_size) != 1)
				die("cannot read back %s: %s", path, strerror(errno));
			printf("C %d %d %d\n", f, p, b);
		}
		close(fd);
		unlink(path);
	}
}

/* ---------------------------------------------------------------- host facts */

static void read_first_line(const char *path, char *out, size_t len)
{
	FILE *f = fopen(path, "r");
	out[0] = 0;
	if (!f) {
		snprintf(out, len, "absent");
		return;
	}
	if (!fgets(out, (int)len, f))
		snprintf(out, len, "unreadable");
	fclose(f);
	out[strcspn(out, "\n")] = 0;
}

static void bracketed(const char *path, char *out, size_t len)
{
	char line[512];
	read_first_line(path, line, sizeof line);
	char *lb = strchr(line, '['), *rb = strchr(line, ']');
	if (lb && rb && rb > lb)
		snprintf(out, len, "%.*s", (int)(rb - lb - 1), lb + 1);
	else
		snprintf(out, len, "%s", line);
}

static long swap_total_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "SwapTotal: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static const char *fs_name(long type)
{
	switch ((unsigned long)type) {
	case 0xEF53: return "ext4";
	case 0x01021994: return "tmpfs";
	case 0x58465342: return "xfs";
	case 0x9123683E: return "btrfs";
	case 0x794C7630: return "overlay";
	case 0x6969: return "nfs";
	default: return NULL;
	}
}

/* Read fault on private anonymous memory: does the kernel map the shared zero page? */
static void probe_zero_page(int kflags, const char **zero, const char **pfn_visible)
{
	unsigned char *p = mmap(NULL, (size_t)page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("cannot map a scratch page: %s", strerror(errno));
	madvise(p, (size_t)page_size, MADV_NOHUGEPAGE);
	volatile unsigned char v = *p;
	(void)v;
	int pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0)
		die("cannot open /proc/self/pagemap: %s", strerror(errno));
	uint64_t e = read_u64(pm, (uintptr_t)p / (uint64_t)page_size, "pagemap");
	close(pm);
	uint64_t pfn = e & ((1ULL << 55) - 1);
	*pfn_visible = (e >> 63) && pfn != 0 ? "yes" : "no";
	*zero = "no";
	if ((e >> 63) && pfn != 0 && ((read_u64(kflags, pfn, "/proc/kpageflags") >> KPF_ZERO_PAGE) & 1))
		*zero = "yes";
	munmap(p, (size_t)page_size);
}

static const char *advice_supported(int advice)
{
	unsigned char *p = mmap(NULL, (size_t)page_size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("cannot map a scratch page: %s", strerror(errno));
	int rc = madvise(p, (size_t)page_size, advice);
	munmap(p, (size_t)page_size);
	return rc == 0 ? "yes" : "no";
}

static void print_facts(void)
{
	struct utsname u;
	struct statfs sfs;
	char buf[512];
	int kflags = open("/proc/kpageflags", O_RDONLY);
	if (kflags < 0)
		die("cannot open /proc/kpageflags: %s", strerror(errno));
	uname(&u);
	printf("FACT probe_version 1\n");
	printf("FACT kernel_release %s\n", u.release);
	printf("FACT machine %s\n", u.machine);
	printf("FACT page_size %ld\n", page_size);
	const char *zero, *pfn_visible;
	probe_zero_page(kflags, &zero, &pfn_visible);
	close(kflags);
	printf("FACT pagemap_pfn %s\n", pfn_visible);
	printf("FACT zero_page_on_read_fault %s\n", forbid_zeropage ? "no" : zero);
	if (forbid_zeropage)
		printf("FACT zero_page_emulation mm_forbids_zeropage (the host's own: %s)\n", zero);
	printf("FACT madv_cold %s\n", advice_supported(MADV_COLD));
	printf("FACT madv_pageout %s\n", advice_supported(MADV_PAGEOUT));
	printf("FACT swap_total_kb %ld\n", swap_total_kb());
	bracketed("/sys/kernel/mm/transparent_hugepage/enabled", buf, sizeof buf);
	printf("FACT thp_enabled %s\n", buf);
	read_first_line("/sys/kernel/mm/lru_gen/enabled", buf, sizeof buf);
	printf("FACT lru_gen %s\n", buf);
	read_first_line("/sys/kernel/mm/ksm/run", buf, sizeof buf);
	printf("FACT ksm_run %s\n", buf);
	read_first_line("/sys/kernel/debug/fault_around_bytes", buf, sizeof buf);
	printf("FACT fault_around_bytes %s\n", strcmp(buf, "absent") == 0 ? "unknown" : buf);
	printf("FACT lru_drain %s\n", drain_works ? "yes" : "no");
	if (statfs(workdir, &sfs) == 0) {
		const char *name = fs_name((long)sfs.f_type);
		if (name)
			printf("FACT workdir_fs %s\n", name);
		else
			printf("FACT workdir_fs 0x%lx\n", (unsigned long)sfs.f_type);
	} else {
		printf("FACT workdir_fs unknown\n");
	}
}

/* ---------------------------------------------------------------- main */

static void setup_pipes(void)
{
	for (int i = 0; i < MAX_PROCS; i++) {
		if (pipe(cmd_pipe[i]) != 0 || pipe(reply_pipe[i]) != 0)
			die("pipe: %s", strerror(errno));
		pidfds[i] = -1;
	}
}

static void start_first_worker(void)
{
	fflush(stdout);
	pid_t c = fork();
	if (c < 0)
		die("fork: %s", strerror(errno));
	if (c == 0) {
		/* Workers only ever read commands and write replies. */
		for (int i = 0; i < MAX_PROCS; i++) {
			close(cmd_pipe[i][1]);
			close(reply_pipe[i][0]);
		}
		worker(0);
	}
	for (int i = 0; i < MAX_PROCS; i++) {
		close(cmd_pipe[i][0]);
		close(reply_pipe[i][1]);
	}
	track_pid(0, c);
}

static void stop_workers(void)
{
	for (int slot = MAX_PROCS - 1; slot >= 0; slot--) {
		struct op o;
		struct reply r;
		if (!alive[slot])
			continue;
		memset(&o, 0, sizeof o);
		o.kind = 'E';
		o.proc = slot;
		o.step = -1;
		send_op(&o, &r);
		wait_dead(slot);
		alive[slot] = 0;
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mmspec-probe <workdir> < program\n");
		return 2;
	}
	snprintf(workdir, sizeof workdir, "%s", argv[1]);
	page_size = sysconf(_SC_PAGESIZE);
	alarm(60); /* never hang a build */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_IGN); /* workers are reaped automatically */
	prctl(PR_SET_CHILD_SUBREAPER, 1);

	scratch = mmap(NULL, (size_t)page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED)
		die("cannot map a scratch page: %s", strerror(errno));
	*(volatile char *)scratch = 1;
	drain_works = syscall(SYS_mbind, scratch, (unsigned long)page_size, PROBE_MPOL_DEFAULT, NULL, 0UL,
			      PROBE_MPOL_MF_MOVE) == 0;

	read_program(stdin);
	print_facts();
	fflush(stdout);
	create_files();
	setup_pipes();
	start_first_worker();
	run_program();
	stop_workers();
	report_and_remove_files();
	printf("END\n");
	fflush(stdout);
	return 0;
}
