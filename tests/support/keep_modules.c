/*
 * keep_modules.c — linked into the sanitizer build of herald only.
 *
 * DESIGN: ALSA loads its PCM plugins (the PulseAudio one among them) with
 * dlopen() while PortAudio probes devices, and closes them again.  What
 * such a plugin leaves allocated is then reported by LeakSanitizer from an
 * "<unknown module>" that no suppression can name, hiding herald's own
 * leaks among the system's.  This dlclose() takes the place of the C
 * library's for the whole process (the executable's symbol comes first):
 * it keeps every module loaded until exit, so each report names its
 * library and tests/lsan.supp can suppress the system's.  Nothing of it is
 * in a normal build.
 */
int dlclose(void *handle);

int dlclose(void *handle)
{
    (void)handle;
    return 0;
}
