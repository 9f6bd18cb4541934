package dev.kevy.bench.load;

/** Chooses and encodes the next request of the GET/SET mix. */
final class RequestMix {

    private RequestMix() {
    }

    /**
     * Appends the next request to the connection's output: GET with probability {@code getRatio},
     * else SET, on a key from the chooser. The caller checks that the larger request fits.
     *
     * @return true for a GET
     */
    static boolean encodeNext(Connection c, RequestEncoder encoder, KeyChooser chooser, double getRatio) {
        boolean get = chooser.nextDouble() < getRatio;
        long key = chooser.nextKey();
        if (get) {
            encoder.putGet(c.out, key);
        } else {
            encoder.putSet(c.out, key);
        }
        return get;
    }
}
