package dev.plantsync.production;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of what was released of one order: sha256 over its canonical content, and over the fact that it
 * was cancelled. Two reads of an unchanged order give the same fingerprint, so it is sent once.
 */
final class ReleaseFingerprint {

    private ReleaseFingerprint() {
    }

    static String of(ReleaseContent content, boolean cancelled) {
        return sha256((cancelled ? "CANCELLED\n" : "ACTIVE\n") + content.toJson());
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
