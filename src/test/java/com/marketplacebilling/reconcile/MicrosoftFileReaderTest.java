package com.marketplacebilling.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.reconcile.MicrosoftFileReader.Compared;
import com.marketplacebilling.reconcile.MicrosoftFileReader.Outcome;
import com.marketplacebilling.reconcile.MicrosoftFileReader.SetAside;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Microsoft's file: columns by name, every era's spellings, and every row accounted for. */
class MicrosoftFileReaderTest {
    static final String HEADER = "Partner Id,Customer Id,Invoice Number,Subscription Id,Charge Type,Charge Start Date,"
            + "Charge End Date,Quantity,Billable Quantity,Effective Unit Price,Subtotal,Currency,Pricing Currency,"
            + "PC To BC Exchange Rate,Reference Id,Unused Extra";

    static List<Outcome> read(byte[] bytes) throws IOException {
        List<Outcome> out = new ArrayList<>();
        try (MicrosoftFileReader r = new MicrosoftFileReader("ms.csv", new ByteArrayInputStream(bytes))) {
            for (Outcome o; (o = r.next()) != null; ) out.add(o);
        }
        return out;
    }

    @Test
    void spacedHeadersBomCrlfUsDatesDecimalQuantitiesAndOldSpellings() throws IOException {
        String text = "\uFEFF" + HEADER + "\r\n"
                + "P,C1,G1,S1,Cycle fee,10/5/2026 0:00:00,11/4/2026,3,3.000000,3.33,9.99,USD,USD,1,R1,x\r\n"
                + "P,C1,G1,S1,cancel,2026-10-09,2026-11-04,,2,1.00,-2.00,USD,,,R2,x\r\n"
                + "P,\"C1, Inc\",G1,S2,new,10/5/2026 12:00:00 AM,11/4/2026,1,,5.00,5.00,USD,,,R3,x\r\n";
        List<Outcome> out = read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(3).allMatch(o -> o instanceof Compared);
        MicrosoftRow first = ((Compared) out.get(0)).row();
        assertThat(first.key().chargeType()).isEqualTo(ChargeType.CYCLE_CHARGE);
        assertThat(first.key().chargeStartDate()).isEqualTo(LocalDate.of(2026, 10, 5));
        assertThat(first.key().quantity()).isEqualTo(3);
        assertThat(first.line()).isEqualTo(2);
        MicrosoftRow second = ((Compared) out.get(1)).row();
        assertThat(second.key().chargeType()).isEqualTo(ChargeType.CANCEL_IMMEDIATE);
        assertThat(second.key().direction()).isEqualTo(ReconKey.Direction.CREDIT);
        assertThat(second.key().quantity()).isEqualTo(2);
        assertThat(second.pricingCurrency()).isNull();
        assertThat(((Compared) out.get(2)).row().customerId()).isEqualTo("C1, Inc");
    }

    @Test
    void recon_unsupported_charge_type_and_recon_malformed_row_account_for_every_row() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes("P,C1,G1,S1,usageCharge,2026-10-05,2026-11-04,1,,1,1.00,USD,,,R,x\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("P,C1,G1,S1,new,2026-13-05,2026-11-04,1,,1,1.00,USD,,,R,x\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("P,C1,G1,S1,new,2026-10-05,2026-11-04,1.5,,1,1.00,USD,,,R,x\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("P,C1,G1,S1,new,2026-10-05\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("P,C1,G1,\"S\n1\",new,2026-10-05,2026-11-04,1,,1,1.00,USD,,,R,x\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("P,C1,G1,S".getBytes(StandardCharsets.UTF_8));
        b.write(0xC3); // invalid UTF-8
        b.writeBytes("1,new,2026-10-05,2026-11-04,1,,1,1.00,USD,,,R,x\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(("P,C1,G1,=cmd(),new,2026-10-05,2026-11-04,1,,1,1.00,USD,,,R," + "y".repeat(1 << 20) + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes("P,C1,G1,S1,new,2026-10-05,2026-11-04,1,,1,abc,USD,,,R,x\n".getBytes(StandardCharsets.UTF_8));
        List<Outcome> out = read(b.toByteArray());
        assertThat(out).hasSize(8);
        assertThat(((SetAside) out.get(0)).code()).isEqualTo(ReconCode.RECON_UNSUPPORTED_CHARGE_TYPE);
        for (int i : new int[] {1, 2, 3, 4, 5, 7}) {
            assertThat(out.get(i)).isInstanceOfSatisfying(SetAside.class,
                    s -> assertThat(s.code()).isEqualTo(ReconCode.RECON_MALFORMED_ROW));
        }
        assertThat(((SetAside) out.get(4)).message()).contains("ms.csv: line 6");
        // formula text is data here; the output's formula guard neutralises it
        assertThat(out.get(6)).isInstanceOf(Compared.class);
        assertThat(((SetAside) out.get(7)).line()).isEqualTo(10); // the quoted line break made line 6 two physical lines
    }

    @Test
    void aMissingRequiredColumnNamesFileAndColumn() {
        byte[] bytes = "SubscriptionId,ChargeType,ChargeStartDate,ChargeEndDate,Quantity,Currency\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(FeedFileException.class)
                .hasMessageContaining("ms.csv").hasMessageContaining("Subtotal");
    }
}
