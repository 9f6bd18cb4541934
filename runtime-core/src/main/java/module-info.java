/** Platform-neutral machinery with no system calls: buffers, rings, the shard mesh, park/wake. */
module dev.kevy.rt {
    exports dev.kevy.rt;
}
