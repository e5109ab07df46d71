# LJAIL_CHECK_CFLAG(FLAG, ACTION-IF-OK)
# Compiles an empty program with FLAG (and -Werror) to see whether the
# compiler knows it; written here so the build needs no autoconf-archive.
AC_DEFUN([LJAIL_CHECK_CFLAG], [
  AC_MSG_CHECKING([whether $CC accepts $1])
  ljail_save_CFLAGS="$CFLAGS"
  CFLAGS="$CFLAGS $1 -Werror"
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
    [AC_MSG_RESULT([yes]); $2], [AC_MSG_RESULT([no])])
  CFLAGS="$ljail_save_CFLAGS"
])
