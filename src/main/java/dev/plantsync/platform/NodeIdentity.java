package dev.plantsync.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** This process as the cluster knows it: host, pid and a random part, so a restarted process is a new node. */
@Component
public class NodeIdentity {

    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final String id;

    public NodeIdentity() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "unknown-host";
        }
        host = name;
        id = host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public long pid() {
        return pid;
    }
}
