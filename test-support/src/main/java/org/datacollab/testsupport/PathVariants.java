package org.datacollab.testsupport;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every spelling of a path that a client could send instead of it, to be sent byte for byte ({@link RawHttp}):
 * percent-encoded letters, double encoding, upper case, {@code ;} parameters, {@code //}, {@code /./},
 * {@code /../}, a trailing slash, {@code %00}, encoded and raw backslashes, {@code %2F} and an encoded dot segment.
 * The path itself comes first.
 */
public final class PathVariants {

    private PathVariants() {
    }

    public static Set<String> of(String path) {
        int second = path.indexOf('/', 1);
        String first = path.substring(1, second < 0 ? path.length() : second);
        String rest = path.substring(1 + first.length());
        String hex = Integer.toHexString(first.charAt(0));
        Set<String> variants = new LinkedHashSet<>(List.of(
                path,
                "/%" + hex + first.substring(1) + rest,                  // percent-encoded letter
                "/%25" + hex + first.substring(1) + rest,                // double encoding
                "/" + first.toUpperCase() + rest,                        // upper case
                "/" + first + ";x" + rest,                               // ; parameter
                path + ";x",
                "/" + path,                                              // //
                "/" + first + "/" + rest,
                "/./" + first + rest,                                    // /./
                "/" + first + "/." + rest,
                "/x/../" + first + rest,                                 // /../
                "/" + first + "/x/.." + rest,
                path + "/",                                              // trailing slash
                path + "%00",                                            // null byte
                "/" + first + "%00" + rest));
        if (!rest.isEmpty()) {
            variants.add("/" + first + "%5C" + rest.substring(1));       // encoded backslash
            variants.add("/" + first + "\\" + rest.substring(1));        // backslash
            variants.add("/" + first + "%2F" + rest.substring(1));       // encoded slash
            variants.add("/" + first + "%2f" + rest.substring(1));
            variants.add("/" + first + "/%2E" + rest);                   // encoded dot segment
        }
        return variants;
    }
}
