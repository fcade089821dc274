// OpenMP defaults for our executables, applied before any shared library initialises.
//
// libgomp reads OMP_WAIT_POLICY once, in its own constructor, so setting it in main() is too
// late. An entry in the executable's .preinit_array runs before every shared object's
// constructors (ELF gABI, glibc's _dl_init). PASSIVE stops idle OpenMP workers from
// spin-waiting: with libtorch's two compute threads plus our data-loader thread on a 2-core
// machine, spinning workers starve the loader and made SupCon training ~3.7x slower
// (37 vs 139 images/s, measured on this project's 2-core machines). A user's explicit
// setting always wins.

#include <cstdlib>

namespace {

void bbSetOpenMpDefaults(int, char **, char **)
{
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
}

} // namespace

__attribute__((section(".preinit_array"), used)) static void (*const bb_preinit)(int, char **, char **) = bbSetOpenMpDefaults;
