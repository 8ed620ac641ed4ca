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
 * Which files in a partner's inbound directory are complete, oldest first: for a partner with a done-marker, those
 * whose marker is there (the partner writes it last: no wait); otherwise those last written longer ago than the
 * stability interval by the drop's own clock (no wait), and the rest listed twice an interval apart with the same
 * size and time (a partner still uploading changes one of them). A drop with nothing of the kinds asked for, or only
 * settled files, costs no wait.
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
        List<RemoteFile> candidates = first.stream().filter(f -> isCandidate(f, partner, documentTypes)).toList();
        if (candidates.isEmpty()) {
            return List.of(); // nothing of these kinds waiting: no reason to wait the interval
        }
        if (partner.doneMarker() != null) {
            // The partner writes the marker after the file: the marker is the proof, no second listing needed.
            Set<String> names = first.stream().map(RemoteFile::name).collect(Collectors.toSet());
            List<RemoteFile> marked = new ArrayList<>();
            for (RemoteFile f : candidates) {
                if (names.contains(f.name() + partner.doneMarker())) {
                    marked.add(f);
                } else {
                    log.info("{} has no {} marker yet; left for the next pickup", f.name(), partner.doneMarker());
                }
            }
            return oldestFirst(marked);
        }
        // A file last written longer ago than the interval, by the drop's own clock, is not being written: complete
        // without waiting. Only files written within the interval (or a drop whose clock cannot be probed) wait.
        Long now = dropClock(sftp, partner);
        long intervalSeconds = (interval.toMillis() + 999) / 1000;
        List<RemoteFile> settled = new ArrayList<>();
        List<RemoteFile> fresh = new ArrayList<>();
        for (RemoteFile f : candidates) {
            // file times have whole seconds: one more second so a file written in the probe's second is never "old"
            (now != null && f.modified() + intervalSeconds + 1 <= now ? settled : fresh).add(f);
        }
        if (fresh.isEmpty()) {
            return oldestFirst(settled);
        }
        candidates = fresh;
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        Map<String, RemoteFile> second = sftp.list(partner.inbound()).stream()
                .collect(Collectors.toMap(RemoteFile::name, Function.identity()));
        List<RemoteFile> complete = new ArrayList<>(settled);
        for (RemoteFile f : candidates) {
            RemoteFile again = second.get(f.name());
            if (again != null && again.size() == f.size() && again.modified() == f.modified()) {
                complete.add(again);
            } else {
                log.info("{} is still being written; left for the next pickup", f.name());
            }
        }
        return oldestFirst(complete);
    }

    /** The drop's clock, probed in our processing directory; null (then every file waits) when it cannot be. */
    private static Long dropClock(Drop drop, Partner partner) {
        try {
            drop.ensureDirectory(partner.processing());
            return drop.clockSeconds(partner.processing());
        } catch (RuntimeException e) {
            log.info("partner {}: cannot read the drop's clock ({}); every file waits the stability interval",
                    partner.id(), e.getMessage());
            return null;
        }
    }

    private static boolean isCandidate(RemoteFile f, Partner partner, Collection<String> documentTypes) {
        if (partner.doneMarker() != null && f.name().endsWith(partner.doneMarker())) {
            return false;
        }
        String type = partner.documentType(f.name());
        return type != null && documentTypes.contains(type);
    }

    /** In the order they were dropped: where the last file of a kind speaks (a stock snapshot), it is the newest. */
    private static List<RemoteFile> oldestFirst(List<RemoteFile> files) {
        List<RemoteFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingLong(RemoteFile::modified).thenComparing(RemoteFile::name));
        return sorted;
    }
}
