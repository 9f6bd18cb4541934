package dev.kevy.io.resp;

import dev.kevy.io.codec.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a stream of bytes parsed into: the commands in order, then how it ended (an error,
 * a command still incomplete, or nothing left).
 */
record Outcome(List<List<String>> commands, ProtocolError error, int errorByte, boolean incomplete) {

    static List<String> args(Request command) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < command.argc(); i++) {
            args.add(command.toString(i));
        }
        return args;
    }

    static List<String> args(String... args) {
        return Arrays.asList(args);
    }

    @Override
    public String toString() {
        return commands.size() + " commands " + (commands.size() <= 5 ? commands : "") + ", end: "
                + (error != null ? error.message(errorByte) : incomplete ? "incomplete" : "clean");
    }
}
