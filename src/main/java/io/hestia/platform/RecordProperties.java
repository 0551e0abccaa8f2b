package io.hestia.platform;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds a parameter record to properties: each component {@code fooBar} reads {@code <prefix>.foo-bar} when set
 * and keeps the default's value otherwise. So every detector parameter is configurable in application.properties
 * (or an environment variable) without a hand-written list that could fall behind the record.
 */
public final class RecordProperties {

    private RecordProperties() {
    }

    /** The property key of a record component. */
    public static String key(String prefix, String component) {
        StringBuilder b = new StringBuilder(prefix).append('.');
        for (char c : component.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Every key of a record type, in component order. */
    public static List<String> keys(Class<? extends Record> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            out.add(key(prefix, c.getName()));
        }
        return out;
    }

    /**
     * @throws IllegalArgumentException naming the property when a value does not convert or the record rejects it
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R bind(R defaults, String prefix, Function<String, Optional<String>> lookup) {
        Class<R> type = (Class<R>) defaults.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String key = key(prefix, c.getName());
            Optional<String> raw = lookup.apply(key).map(String::trim).filter(s -> !s.isEmpty());
            try {
                values[i] = raw.isPresent() ? convert(raw.get(), c.getType(), key) : c.getAccessor().invoke(defaults);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + type.getSimpleName(), e);
            }
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(prefix + ".*: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object convert(String raw, Class<?> type, String key) {
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(raw);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(raw);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(raw);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.parseBoolean(raw);
            }
            if (type == String.class) {
                return raw;
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(raw.replace('-', '_'))) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("not one of the allowed values");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " = '" + raw + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(key + ": parameters of type " + type.getSimpleName() + " are not supported");
    }
}
