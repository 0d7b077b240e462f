package com.marketplacebilling.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketplacebilling.feed.FeedReader;
import com.marketplacebilling.feed.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookGeneratorTest {
    private static final int N = 3000;
    private static final int DAYS = 4;

    @TempDir
    Path tmp;

    private List<BookGenerator.DayCount> generate(Path out, long seed) throws IOException {
        return BookGenerator.generate(new BookGenerator.Options(N, DAYS, seed, BookGenerator.DEFAULT_START, out));
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        generate(tmp.resolve("a"), 42);
        generate(tmp.resolve("b"), 42);
        generate(tmp.resolve("c"), 43);
        List<Path> files = files(tmp.resolve("a"));
        assertEquals(DAYS * 2, files.size());
        boolean anyDiffers = false;
        for (Path f : files) {
            Path rel = tmp.resolve("a").relativize(f);
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("b").resolve(rel)), rel.toString());
            anyDiffers |= !java.util.Arrays.equals(Files.readAllBytes(f),
                    Files.readAllBytes(tmp.resolve("c").resolve(rel)));
        }
        assertTrue(anyDiffers, "another seed gives another book");
    }

    @Test
    void theFirstDateOrdersAndActivatesEverySubscription() throws IOException {
        BookGenerator.DayCount first = generate(tmp, 1).get(0);
        assertEquals(N, first.commerceRows());
        assertEquals(2L * N, first.fulfillmentRows());
        assertEquals(0, first.malformedCommerce() + first.malformedFulfillment());
    }

    @Test
    void onlyTheInjectedMalformedRowsAreRejected() throws IOException {
        List<BookGenerator.DayCount> counts = generate(tmp, 7);
        long malformed = 0;
        for (BookGenerator.DayCount c : counts) {
            Path dir = tmp.resolve(c.date().toString());
            long[] commerce = read(FeedReader.commerce(dir.resolve("subscriptions.csv"), c.date()));
            long[] fulfillment = read(FeedReader.fulfillment(dir.resolve("fulfillment-events.csv"), c.date()));
            assertEquals(c.commerceRows(), commerce[0], c.date() + " commerce rows");
            assertEquals(c.malformedCommerce(), commerce[1], c.date() + " commerce rejected");
            assertEquals(c.fulfillmentRows(), fulfillment[0], c.date() + " fulfillment rows");
            assertEquals(c.malformedFulfillment(), fulfillment[1], c.date() + " fulfillment rejected");
            malformed += c.malformedCommerce() + c.malformedFulfillment();
        }
        assertTrue(malformed > 0, "later dates carry some malformed rows");
    }

    @Test
    void laterDatesCarryChangesCancellationsAndNewOrders() throws IOException {
        generate(tmp, 3);
        Set<String> actions = new HashSet<>();
        Set<String> statuses = new HashSet<>();
        Set<String> currencies = new HashSet<>();
        for (int k = 0; k < DAYS; k++) {
            Path dir = tmp.resolve(BookGenerator.DEFAULT_START.plusDays(k).toString());
            try (Stream<String> lines = Files.lines(dir.resolve("fulfillment-events.csv"))) {
                lines.skip(1).forEach(l -> actions.add(l.split(",")[3]));
            }
            try (FeedReader<com.marketplacebilling.billing.CommerceVersion> r =
                         FeedReader.commerce(dir.resolve("subscriptions.csv"), LocalDate.parse(dir.getFileName().toString()))) {
                for (ParsedRow<com.marketplacebilling.billing.CommerceVersion> row = r.next(); row != null; row = r.next()) {
                    if (row instanceof ParsedRow.Accepted<com.marketplacebilling.billing.CommerceVersion> a) {
                        statuses.add(a.value().status().name());
                        currencies.add(a.value().currency());
                    }
                }
            }
        }
        assertTrue(actions.containsAll(Set.of("LicensesAssigned", "Activate", "ChangeQuantity", "ChangePlan",
                "Unsubscribe", "Suspend")), actions.toString());
        assertTrue(statuses.containsAll(Set.of("ACTIVE", "CANCELLED", "SUSPENDED")), statuses.toString());
        assertTrue(currencies.containsAll(Set.of("EUR", "USD", "JPY")), currencies.toString());
        assertFalse(currencies.contains("EURO"));
    }

    /** {rows, rejected} */
    private static <T> long[] read(FeedReader<T> reader) {
        long rows = 0;
        long rejected = 0;
        try (reader) {
            for (ParsedRow<T> row = reader.next(); row != null; row = reader.next()) {
                rows++;
                if (row instanceof ParsedRow.Rejected<T>) rejected++;
            }
        }
        return new long[] {rows, rejected};
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
