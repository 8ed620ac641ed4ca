package dev.plantsync.sftp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files in a partner's inbound directory are complete: listed twice a moment apart with the same size and
 * time (a partner still uploading changes one of them), and with their done-marker when the partner uses one; oldest
 * first.
 */
public final class CompleteFiles {

    private static final Logger log = LoggerFactory.getLogger(CompleteFiles.class);

    private CompleteFiles() {
    }

    public static List<RemoteFile> in(Drop sftp, Partner partner, String documentType, Duration interval) {
        List<RemoteFile> first = sftp.list(partner.inbound());
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        Map<String, RemoteFile> second = sftp.list(partner.inbound()).stream()
                .collect(Collectors.toMap(RemoteFile::name, Function.identity()));
        List<RemoteFile> complete = new ArrayList<>();
        for (RemoteFile f : first) {
            if (partner.doneMarker() != null && f.name().endsWith(partner.doneMarker())
                    || !documentType.equals(partner.documentType(f.name()))) {
                continue;
            }
            RemoteFile again = second.get(f.name());
            boolean stable = again != null && again.size() == f.size() && again.modified() == f.modified();
            boolean marked = partner.doneMarker() == null || second.containsKey(f.name() + partner.doneMarker());
            if (stable && marked) {
                complete.add(again);
            } else {
                log.info("{} is still being written; left for the next pickup", f.name());
            }
        }
        // In the order they were dropped: where the last file of a kind speaks (a stock snapshot), it is the newest.
        complete.sort(Comparator.comparingLong(RemoteFile::modified).thenComparing(RemoteFile::name));
        return complete;
    }
}
