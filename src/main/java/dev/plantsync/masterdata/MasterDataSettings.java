package dev.plantsync.masterdata;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plantsync.masterdata.*} ({@code jobs/master-data-sync.yml}): which partners drop master-data files (and
 * whether their files are full snapshots, the only case where a record missing from the file is deactivated), and
 * the rules that hold a change for approval.
 */
@ConfigurationProperties("plantsync.masterdata")
public record MasterDataSettings(List<Source> sources, BigDecimal costChangePercent, BigDecimal maxChangedPercent,
        Integer changeRuleMinRecords, Integer applyChunk) {

    public record Source(String partner, boolean fullSnapshot) {
    }

    public MasterDataSettings {
        sources = sources == null ? List.of() : List.copyOf(sources);
        costChangePercent = costChangePercent == null ? new BigDecimal("20") : costChangePercent;
        maxChangedPercent = maxChangedPercent == null ? new BigDecimal("30") : maxChangedPercent;
        changeRuleMinRecords = changeRuleMinRecords == null ? 20 : changeRuleMinRecords;
        applyChunk = applyChunk == null ? 500 : applyChunk;
    }
}
