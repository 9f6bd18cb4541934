/** Platform-neutral machinery with no system calls: buffers, rings, the shard mesh, park/wake, timers, task inboxes. */
module dev.kevy.rt {
    exports dev.kevy.rt;
    exports dev.kevy.rt.idle;
    exports dev.kevy.rt.mesh;
    exports dev.kevy.rt.park;
    exports dev.kevy.rt.ring;
    exports dev.kevy.rt.buffer;
    exports dev.kevy.rt.freeze;
    exports dev.kevy.rt.task;
    exports dev.kevy.rt.timer;
}
