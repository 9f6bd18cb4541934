/** JMH microbenchmarks, the latency load generator and side-by-side comparisons. */
package dev.kevy.bench;
