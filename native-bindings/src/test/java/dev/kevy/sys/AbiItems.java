package dev.kevy.sys;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Java side of the ABI proof: every item the generated classes of a package define, named as
 * the C probe names it, with the value read from the classes themselves (constants by calling their
 * accessor, sizes and offsets from the struct layouts, function signatures from the descriptors).
 * No value here is typed in by hand.
 */
final class AbiItems {

    /** A Java-side item; {@code int32} constants match C values by their low 32 bits (see {@link #matches}). */
    record Item(String value, boolean int32) {

        boolean matches(String c) {
            if (!int32) {
                return value.equals(c);
            }
            long java = Long.parseLong(value);
            long probe = Long.parseLong(c);
            // jextract folds an unsigned 32-bit enum value such as EPOLLET (1u << 31) into a Java int
            return probe == java || probe == (java & 0xFFFF_FFFFL);
        }
    }

    private AbiItems() {}

    /** Every item of the generated top-level classes in {@code packageName}. */
    static Map<String, Item> of(String packageName) {
        Map<String, Item> items = new TreeMap<>();
        for (Class<?> type : classesOf(packageName)) {
            if (type.getSimpleName().endsWith("$shared")) {
                valueLayouts(type, items);
            } else if (type.getSimpleName().matches(".*_h(_\\d+)?")) { // jextract splits big headers: foo_h extends foo_h_1
                constants(type, items);
                functions(type, items);
            } else {
                struct(type, items);
            }
        }
        return items;
    }

    private static void valueLayouts(Class<?> shared, Map<String, Item> items) {
        for (Field f : shared.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("C_")
                    && ValueLayout.class.isAssignableFrom(f.getType())) {
                put(items, "sizeof(" + f.getName() + ")", String.valueOf(((ValueLayout) get(f)).byteSize()), false);
            }
        }
    }

    /** jextract emits a constant as a private static final field plus a same-named no-arg accessor. */
    private static void constants(Class<?> header, Map<String, Item> items) {
        for (Method m : header.getDeclaredMethods()) {
            Class<?> r = m.getReturnType();
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && (r == int.class || r == long.class) && hasField(header, m.getName())) {
                put(items, m.getName(), String.valueOf(invoke(m)), r == int.class);
            }
        }
    }

    private static void functions(Class<?> header, Map<String, Item> items) {
        for (Method m : header.getDeclaredMethods()) {
            String name = m.getName();
            if (name.endsWith("$descriptor") && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0) {
                FunctionDescriptor d = (FunctionDescriptor) invoke(m);
                put(items, "fn(" + name.substring(0, name.length() - "$descriptor".length()) + ")", signature(d, false), false);
            }
        }
        for (Class<?> nested : header.getDeclaredClasses()) {
            Method make = find(nested, "makeInvoker", MemoryLayout[].class);
            if (make != null) {
                Object invoker = invoke(make, (Object) new MemoryLayout[0]);
                FunctionDescriptor d = (FunctionDescriptor) invoke(find(nested, "descriptor"), invoker);
                put(items, "fn(" + nested.getSimpleName() + ")", signature(d, true), false);
            }
        }
    }

    private static void struct(Class<?> type, Map<String, Item> items) {
        Method layoutMethod = find(type, "layout");
        if (layoutMethod == null || !GroupLayout.class.isAssignableFrom(layoutMethod.getReturnType())) {
            return;
        }
        String name = type.getSimpleName();
        GroupLayout layout = (GroupLayout) invoke(layoutMethod);
        put(items, "sizeof(" + name + ")", String.valueOf(layout.byteSize()), false);
        put(items, "alignof(" + name + ")", String.valueOf(layout.byteAlignment()), false);
        fields(name, layout, 0, items);
    }

    /**
     * The named members of {@code group} at {@code base}. jextract names an anonymous union or
     * struct {@code $anon$line:col}; C reaches its members as members of the enclosing struct
     * ({@code offsetof(struct io_uring_sqe, addr2)}), so they are listed under the struct itself.
     */
    private static void fields(String name, GroupLayout group, long base, Map<String, Item> items) {
        for (MemoryLayout member : group.memberLayouts()) {
            if (member instanceof PaddingLayout) {
                continue;
            }
            String field = member.name().orElseThrow(() -> new AssertionError(name + " has an unnamed member"));
            long offset = base + group.byteOffset(groupElement(field));
            if (field.startsWith("$anon$") && member instanceof GroupLayout anonymous) {
                fields(name, anonymous, offset, items);
                continue;
            }
            put(items, "offsetof(" + name + "." + field + ")", String.valueOf(offset), false);
            put(items, "sizeof(" + name + "." + field + ")", String.valueOf(member.byteSize()), false);
        }
    }

    /** {@code ret:arg,arg[,...]} in bytes, the format the probe prints. */
    private static String signature(FunctionDescriptor d, boolean variadic) {
        StringBuilder s = new StringBuilder();
        s.append(d.returnLayout().map(MemoryLayout::byteSize).map(String::valueOf).orElse("void")).append(':');
        List<MemoryLayout> args = d.argumentLayouts();
        for (int i = 0; i < args.size(); i++) {
            s.append(i == 0 ? "" : ",").append(args.get(i).byteSize());
        }
        if (variadic) {
            s.append(args.isEmpty() ? "..." : ",...");
        }
        return s.toString();
    }

    private static void put(Map<String, Item> items, String name, String value, boolean int32) {
        Item previous = items.putIfAbsent(name, new Item(value, int32));
        if (previous != null && !previous.value().equals(value)) {
            throw new AssertionError(name + " is defined twice with different values: " + previous.value() + ", " + value);
        }
    }

    private static List<Class<?>> classesOf(String packageName) {
        Path dir = classRoot().resolve(packageName.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()))
                    .filter(n -> !n.contains("$") || n.endsWith("$shared"))
                    .sorted()
                    .<Class<?>>map(n -> load(packageName + "." + n))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classRoot() {
        try {
            return Path.of(dev.kevy.sys.linux.epoll_h.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasField(Class<?> type, String name) {
        try {
            type.getDeclaredField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static Method find(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object get(Field f) {
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Method m, Object... args) {
        try {
            return Modifier.isStatic(m.getModifiers()) ? m.invoke(null, args) : m.invoke(args[0]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("calling " + m, e);
        }
    }
}
