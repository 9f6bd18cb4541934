package dev.kevy.bench.load;

/** How the generator draws keys: every key equally, or a few hot keys most of the time. */
public enum Distribution {
    /** Every key equally likely. */
    UNIFORM,
    /** Zipfian with skew {@code --zipf-theta} (YCSB's default 0.99), hot keys spread over the space. */
    ZIPFIAN
}
