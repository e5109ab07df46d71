/* C2: the capability sets and filter state are as configured. */
#include "caps_util.h"

PROBE(C2, "CapBnd/CapEff/CapAmb, Seccomp, NoNewPrivs in /proc/self/status")
{
	const char *s = "/proc/self/status";
	long long bnd = status_field(s, "CapBnd", 16);
	long long eff = status_field(s, "CapEff", 16);
	long long amb = status_field(s, "CapAmb", 16);
	long long sec = status_field(s, "Seccomp", 10);
	long long nnp = status_field(s, "NoNewPrivs", 10);
	int v = PROBE_HELD;

	if (bnd < 0 || eff < 0 || sec < 0)
		return probe_note(PROBE_BROKEN, "cannot read %s", s);
	v = probe_worst(v, probe_note((bnd & FORBIDDEN_CAPS) == 0 ? PROBE_HELD :
	    PROBE_ESCAPED, "CapBnd %#llx, forbidden bits %#llx", bnd,
	    bnd & FORBIDDEN_CAPS));
	v = probe_worst(v, probe_note((eff & ~bnd) == 0 ? PROBE_HELD :
	    PROBE_ESCAPED, "CapEff %#llx within CapBnd", eff));
	v = probe_worst(v, probe_note(amb == 0 ? PROBE_HELD : PROBE_ESCAPED,
	    "CapAmb %#llx", amb));
	v = probe_worst(v, probe_note(sec == 2 ? PROBE_HELD : PROBE_ESCAPED,
	    "Seccomp %lld (2 = filter)", sec));
	/* ljail installs its filter without no_new_privs (setuid works). */
	v = probe_worst(v, probe_note(nnp == 0 ? PROBE_HELD : PROBE_BROKEN,
	    "NoNewPrivs %lld (ljail: 0)", nnp));
	return v;
}
