package dev.plantsync.platform;

/**
 * The {@code Content-Security-Policy} of every page (the console, the HTML reconciliation report): scripts from this
 * server only, never inline, so an injected {@code <script>} or {@code onclick} does not run; keep page data in
 * {@code <script type="application/json">} blocks and behaviour in {@code console.js}. Inline styles stay allowed
 * (charts and htmx set them); nothing may frame the console.
 */
public final class ContentSecurityPolicy {

    public static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private ContentSecurityPolicy() {
    }
}
