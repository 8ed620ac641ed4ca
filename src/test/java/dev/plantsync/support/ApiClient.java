package dev.plantsync.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Calls the REST API as one of the {@link TestUsers} (password: name + "-secret"). */
public final class ApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(request(user, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String user, String path, String accept) throws Exception {
        return http.send(request(user, path).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> download(String user, String path) throws Exception {
        return http.send(request(user, path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String user, String path, String json) throws Exception {
        return http.send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8)));
    }
}
