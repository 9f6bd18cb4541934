/** jcstress tests of every lock-free protocol in the runtime. */
package dev.kevy.stress;
