package com.marketplacebilling.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SliceRequestTest {
    @Test
    @DisplayName("a slice request is one line of text that reads back the same")
    void roundTrip() {
        SliceRequest r = new SliceRequest("billSlice", 12, 345, "billing");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("billSlice 12 345 billing");
        assertThat(SliceRequest.parse(r.body())).isEqualTo(r);
    }

    @Test
    @DisplayName("anything else is refused with what it was (it goes to the dead-letter queue, never deserialized)")
    void junkIsRefused() {
        for (String junk : new String[] {"", "billSlice 12 345", "billSlice 12 x billing", "billSlice 12 345 a b",
                "\u00ac\u00ed\u0000\u0005sr java serialized", "bill;Slice 1 2 db"}) {
            assertThatThrownBy(() -> SliceRequest.parse(junk.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a slice request");
        }
    }
}
