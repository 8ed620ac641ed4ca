package dev.plantsync.sftp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return in(sftp, partner, Set.of(documentType), interval, Sleeper.REAL);
    }

    /**
     * The complete files of any of these document types, from one pair of listings: a job taking several kinds from
     * one drop (master data's seven) waits the interval once, not once per kind.
     */
    public static List<RemoteFile> in(Drop sftp, Partner partner, Collection<String> documentTypes, Duration interval,
            Sleeper sleeper) {
        List<RemoteFile> first = sftp.list(partner.inbound());
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        Map<String, RemoteFile> second = sftp.list(partner.inbound()).stream()
                .collect(Collectors.toMap(RemoteFile::name, Function.identity()));
        List<RemoteFile> complete = new ArrayList<>();
        for (RemoteFile f : first) {
            String type = partner.documentType(f.name());
            if (partner.doneMarker() != null && f.name().endsWith(partner.doneMarker())
                    || type == null || !documentTypes.contains(type)) {
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
