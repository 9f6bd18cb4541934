package dev.kevy.io;

/** Placeholder so the module compiles before its issue lands; delete when real classes arrive. */
final class ModuleMarker {
    private ModuleMarker() {}
}
