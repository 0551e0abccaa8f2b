package io.hestia.ha.schema;

/**
 * A YAML value carrying one of Home Assistant's custom tags ({@code !secret}, {@code !include},
 * {@code !include_dir_*}, {@code !input}, {@code !env_var}) or any other local tag such as
 * {@code !extend}. The tag is kept, never resolved: a {@code !secret} stays a placeholder.
 *
 * @param tag   the tag as written, with its leading {@code !}, e.g. {@code !secret}
 * @param value the tagged node: a {@link String} for a scalar, a {@link java.util.List} for a
 *              sequence or a {@link java.util.Map} for a mapping
 */
public record HaTag(String tag, Object value) {

    public static final String SECRET = "!secret";
    public static final String INCLUDE = "!include";
    public static final String INCLUDE_DIR_LIST = "!include_dir_list";
    public static final String INCLUDE_DIR_NAMED = "!include_dir_named";
    public static final String INCLUDE_DIR_MERGE_LIST = "!include_dir_merge_list";
    public static final String INCLUDE_DIR_MERGE_NAMED = "!include_dir_merge_named";
    public static final String INPUT = "!input";
    public static final String ENV_VAR = "!env_var";

    /** True for the tags Home Assistant's own loader knows (as opposed to a foreign local tag). */
    public boolean isHomeAssistantTag() {
        return switch (tag) {
            case SECRET, INCLUDE, INCLUDE_DIR_LIST, INCLUDE_DIR_NAMED, INCLUDE_DIR_MERGE_LIST,
                 INCLUDE_DIR_MERGE_NAMED, INPUT, ENV_VAR -> true;
            default -> false;
        };
    }

    /** {@code !secret wifi_password}: the tag and the secret's name (never a resolved value). */
    @Override
    public String toString() {
        return tag + " " + value;
    }
}
