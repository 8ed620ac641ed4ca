package dev.plantsync.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console over plain HTTP, as a browser without JavaScript: a session cookie from the login form, and the CSRF
 * token the pages carry sent back with every form post.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:type=\"hidden\" )?value=\"([^\"]+)\"");
    private static final Pattern META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String base;
    private String token;

    public ConsoleSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Signs in (password: {@code password}); fails loudly when the form refuses. */
    public ConsoleSession signIn(String user, String password) throws IOException, InterruptedException {
        csrfFrom(get("/login").body());
        HttpResponse<String> answer = post("/login", "username=" + enc(user) + "&password=" + enc(password));
        if (answer.statusCode() != 302 || answer.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in of " + user + " refused: HTTP " + answer.statusCode());
        }
        get("/console/jobs");
        return this;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        csrfFrom(answer.body());
        return answer;
    }

    /** Posts a form with the session's CSRF token, as the page's own form would. */
    public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(token == null ? "" : token);
        return postRaw(path, body);
    }

    /** Posts exactly {@code body}: without a token unless it has one. */
    public HttpResponse<String> postRaw(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void csrfFrom(String page) {
        Matcher m = META.matcher(page);
        Matcher f = CSRF.matcher(page);
        if (m.find()) {
            token = m.group(1);
        } else if (f.find()) {
            token = f.group(1);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
