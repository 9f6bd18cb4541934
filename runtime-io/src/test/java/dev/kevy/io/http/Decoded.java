package dev.kevy.io.http;

import dev.kevy.io.codec.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a byte stream decoded into: the requests in order (each as its fields), then how
 * the stream ended: an error, a request still incomplete, or nothing left.
 */
record Decoded(List<List<String>> requests, HttpError error, boolean incomplete) {

    static List<String> fields(Request request) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < request.argc(); i++) {
            fields.add(request.toString(i));
        }
        return fields;
    }

    @Override
    public String toString() {
        return requests.size() + " requests " + (requests.size() <= 4 ? requests : "") + ", end: "
                + (error != null ? error : incomplete ? "incomplete" : "clean");
    }
}
