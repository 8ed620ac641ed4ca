package dev.plantsync.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import dev.plantsync.platform.FlowLatency;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes complete files from a partner's drop, safely: a file is complete when its size and time are the same in two
 * listings a moment apart (or its done-marker exists); it is claimed by renaming it into {@code processing/} (the
 * server's rename is atomic, so of two nodes only one gets it); downloaded with its sha256; registered (the same
 * bytes twice are a DUPLICATE and go to archive unprocessed). Files over the size limit go to {@code error/} with a
 * {@code .reason.txt} beside them. Dropped connections are retried with backoff.
 */
public final class FilePickup {

    private static final Logger log = LoggerFactory.getLogger(FilePickup.class);
    private static final DateTimeFormatter CLAIM_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");

    private final SftpConnector connector;
    private final LocalStore store;
    private final InboundFiles files;
    private final Duration stability;
    private final Clock clock;
    private final int attempts;
    private final FlowLatency latency;
    private final Sleeper sleeper;

    public FilePickup(SftpConnector connector, LocalStore store, InboundFiles files, Duration stability, Clock clock,
            int attempts, FlowLatency latency) {
        this(connector, store, files, stability, clock, attempts, latency, Sleeper.REAL);
    }

    public FilePickup(SftpConnector connector, LocalStore store, InboundFiles files, Duration stability, Clock clock,
            int attempts, FlowLatency latency, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.connector = connector;
        this.store = store;
        this.files = files;
        this.stability = stability;
        this.clock = clock;
        this.attempts = attempts;
        this.latency = latency;
    }

    public List<PickedFile> pickup(Partner partner, String documentType) {
        return pickup(partner, List.of(documentType));
    }

    /**
     * The complete files of these document types, with one stability wait for all of them (a job taking several kinds
     * from one drop waits once per run, not once per kind).
     */
    public List<PickedFile> pickup(Partner partner, Collection<String> documentTypes) {
        List<PickedFile> picked = new ArrayList<>();
        MDC.put("partner", partner.id());
        try (Drop sftp = retry("connect", partner, s -> s)) {
            sftp.ensureDirectory(partner.processing());
            sftp.ensureDirectory(partner.archive());
            sftp.ensureDirectory(partner.error());
            for (RemoteFile file : CompleteFiles.in(sftp, partner, documentTypes, stability, sleeper)) {
                MDC.put("file", file.name());
                String documentType = partner.documentType(file.name());
                // A unique claimed name: a re-dropped file of the same name never collides with an earlier claim.
                String claimed = partner.processing() + "/" + CLAIM_STAMP.format(java.time.LocalDateTime.now(clock))
                        + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + "_" + file.name();
                if (!sftp.rename(partner.inbound() + "/" + file.name(), claimed)) {
                    log.info("{} was claimed by another node", file.name());
                    continue;
                }
                if (file.size() > partner.maxFileBytes()) {
                    String reason = "file size " + file.size() + " bytes exceeds the limit of " + partner.maxFileBytes()
                            + " bytes for partner " + partner.id();
                    String errorPath = toError(sftp, partner, claimed, file.name(), reason);
                    files.quarantinedUnread(partner.id(), documentType, file.name(), file.size(), reason, errorPath);
                    log.warn("{} quarantined: {}", file.name(), reason);
                    continue;
                }
                PickedFile p = download(partner, documentType, file, claimed);
                if (p != null) {
                    picked.add(p);
                }
            }
        } finally {
            MDC.remove("partner");
            MDC.remove("file");
        }
        return picked;
    }

    private PickedFile download(Partner partner, String documentType, RemoteFile file, String claimed) {
        long tempId = System.nanoTime();
        Path local = store.pathFor(partner.id(), LocalDate.now(clock), file.name(), tempId);
        String sha256 = retry("download " + file.name(), partner, sftp -> {
            try (OutputStream out = Files.newOutputStream(local)) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (DigestOutputStream digesting = new DigestOutputStream(out, digest)) {
                    sftp.download(claimed, digesting);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        long size;
        try {
            size = Files.size(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant dropped = file.modified() > 0 ? Instant.ofEpochSecond(file.modified()) : null;
        InboundFiles.Registration registration = files.register(partner.id(), documentType, file.name(), size, sha256,
                local, claimed, dropped);
        if (registration.duplicate()) {
            String archived = retry("archive duplicate " + file.name(), partner,
                    sftp -> move(sftp, claimed, partner.archive() + "/" + baseName(claimed)));
            files.state(registration.id(), "DUPLICATE", "same content as inbound file " + registration.duplicateOf(),
                    archived);
            log.info("{} has the same content as inbound file {}: archived, not processed again", file.name(),
                    registration.duplicateOf());
            return null;
        }
        latency.record(documentType.toLowerCase(Locale.ROOT), partner.id(), "claimed", dropped);
        return new PickedFile(registration.id(), partner, documentType, file.name(), local, sha256, size, claimed);
    }

    /**
     * Files taken but not finished, by this run or a crashed one: CLAIMED ones are returned to be staged; STAGED
     * ones (staged, not yet archived) are archived now.
     */
    public List<PickedFile> claimed(String documentType, PartnerRegistry registry) {
        List<PickedFile> todo = new ArrayList<>();
        for (InboundFiles.Unfinished u : files.unfinished(documentType)) {
            java.util.Optional<Partner> partner = registry.find(u.partner());
            if (partner.isEmpty()) {
                log.warn("inbound file {} belongs to partner {}, no longer registered; left as it is", u.id(), u.partner());
                continue;
            }
            PickedFile file = new PickedFile(u.id(), partner.get(), u.documentType(), u.name(), Path.of(u.localPath()),
                    u.sha256(), u.size(), u.remotePath());
            if ("STAGED".equals(u.state())) {
                processed(file);
            } else {
                todo.add(file);
            }
        }
        return todo;
    }

    /** The file's content is staged (in the caller's transaction); archiving follows. */
    public void staged(PickedFile file) {
        files.state(file.id(), "STAGED", null, file.remotePath());
    }

    /** The file was processed: it moves to the partner's archive directory. */
    public void processed(PickedFile file) {
        String archived = retry("archive " + file.name(), file.partner(),
                sftp -> move(sftp, file.remotePath(), file.partner().archive() + "/" + baseName(file.remotePath())));
        files.state(file.id(), "PROCESSED", null, archived);
    }

    /** The file as a whole is unusable: it moves to the error directory with a {@code .reason.txt} beside it. */
    public void quarantine(PickedFile file, String reason) {
        String errorPath = retry("quarantine " + file.name(), file.partner(),
                sftp -> toError(sftp, file.partner(), file.remotePath(), file.name(), reason));
        files.state(file.id(), "QUARANTINED", reason, errorPath);
    }

    /** Writes an acknowledgement (997 / CONTRL) of {@code file} to the partner's outbound directory. */
    public void acknowledge(PickedFile file, String name, byte[] content) {
        Partner partner = file.partner();
        String sent = LocalStore.sanitise(name);
        retry("upload " + name, partner, sftp -> {
            sftp.ensureDirectory(partner.outbound());
            sftp.upload(content, partner.outbound() + "/" + sent);
            return null;
        });
        files.acknowledged(file.id(), sent);
    }

    private String toError(Drop sftp, Partner partner, String from, String name, String reason) {
        String target = partner.error() + "/" + baseName(from);
        sftp.rename(from, target);
        sftp.upload((name + ": " + reason + "\n").getBytes(StandardCharsets.UTF_8), target + ".reason.txt");
        return target;
    }

    private static String move(Drop sftp, String from, String to) {
        sftp.rename(from, to);
        return to;
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Runs an action on a fresh connection, again on transient failures with exponential backoff. */
    private <T> T retry(String what, Partner partner, Function<Drop, T> action) {
        long backoff = 200;
        for (int attempt = 1;; attempt++) {
            Drop sftp = null;
            try {
                sftp = connector.open(partner);
                T result = action.apply(sftp);
                if (result instanceof Drop) {
                    return result; // the caller keeps this connection open
                }
                sftp.close();
                return result;
            } catch (SftpDropException e) {
                if (sftp != null) {
                    sftp.close();
                }
                if (!e.isTransient() || attempt >= attempts) {
                    throw e;
                }
                Metrics.counter("plantsync.retries", "dependency", "sftp").increment();
                log.warn("{} failed (attempt {}/{}): {}; retrying in {} ms", what, attempt, attempts, e.getMessage(),
                        backoff);
                sleep(Duration.ofMillis(backoff));
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
