package dev.plantsync.masterdata;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for staged values and planned changes: decimals stay exact both ways (a cost of 0.80 must not become a binary
 * double, nor 120 become 1.2E+2).
 */
final class MasterDataJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private MasterDataJson() {
    }
}
