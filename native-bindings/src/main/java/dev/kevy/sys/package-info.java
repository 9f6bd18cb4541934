/** Hand-written, errno-returning layer over the generated FFM bindings. */
package dev.kevy.sys;
