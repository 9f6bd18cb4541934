/**
 * The OS boundary: every system call kevy makes goes through this module, and it is the only
 * module that needs {@code --enable-native-access}.
 */
module dev.kevy.sys {
    exports dev.kevy.sys;
}
