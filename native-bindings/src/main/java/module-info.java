/**
 * The OS boundary: every system call kevy makes goes through this module, and it is the only
 * module that needs {@code --enable-native-access}.
 *
 * <p>{@code dev.kevy.sys} is the API (errno-returning, allocation-free). The generated packages
 * are exported for their struct layouts and constants; their functions carry no errno, so call
 * the OS through {@code dev.kevy.sys}.
 */
module dev.kevy.sys {
    exports dev.kevy.sys;
    exports dev.kevy.sys.linux;
    exports dev.kevy.sys.linux.x86_64;
    exports dev.kevy.sys.linux.aarch64;
    exports dev.kevy.sys.macos;
}
