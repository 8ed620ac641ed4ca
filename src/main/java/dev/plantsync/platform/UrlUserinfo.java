package dev.plantsync.platform;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Masks the user-info part of URLs ({@code https://user:secret@host} becomes {@code https://***@host}) in any text
 * that reaches a log, an exit description, a command's answer or an API answer. Operators do put credentials into
 * URLs; the secret must not travel on from there.
 */
public final class UrlUserinfo {

    /** scheme://userinfo@ — userinfo stops at the first '/', '?', '#', whitespace or '@' of the authority. */
    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@\\s]+@");

    private UrlUserinfo() {
    }

    public static String mask(String text) {
        return text == null || text.indexOf('@') < 0 ? text : USERINFO.matcher(text).replaceAll("$1***@");
    }

    public static String mask(URI uri) {
        return uri == null ? null : mask(uri.toString());
    }
}
