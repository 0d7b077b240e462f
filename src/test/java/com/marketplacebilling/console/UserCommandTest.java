package com.marketplacebilling.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.TestDatabase;
import com.marketplacebilling.support.Users;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserCommandTest {
    private TestDatabase db;
    @TempDir
    Path home;

    @BeforeAll
    void database() { db = TestDatabase.create(); }

    @AfterAll
    void drop() { db.close(); }

    private Cli.Result user(String stdin, String... args) { return Users.run(home, db.url(), stdin, args); }

    @Test
    @DisplayName("user add reads the password from standard input and stores only its BCrypt hash; list shows the role;"
            + " a second add of the name is refused (3); remove removes it")
    void addListRemove() throws Exception {
        Cli.Result added = user("correct horse battery\n", "user", "add", "alice", "--role", "operator");
        assertThat(added.exitCode()).as(added.all()).isZero();
        assertThat(added.out()).contains("user alice added with role operator");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT password_hash, role FROM console_user WHERE username = 'alice'")) {
            assertThat(rs.next()).isTrue();
            String hash = rs.getString(1);
            assertThat(hash).startsWith("$2").doesNotContain("correct horse");
            assertThat(new BCryptPasswordEncoder().matches("correct horse battery", hash)).isTrue();
            assertThat(rs.getString(2)).isEqualTo("OPERATOR");
        }
        assertThat(user("another password 1\n", "user", "add", "alice", "--role", "finance").exitCode()).isEqualTo(3);
        Cli.Result list = user("", "user", "list");
        assertThat(list.out()).contains("alice").contains("operator").doesNotContain("$2");
        assertThat(user("", "user", "remove", "alice").exitCode()).isZero();
        assertThat(user("", "user", "remove", "alice").exitCode()).isEqualTo(3);
        assertThat(user("", "user", "list").out()).contains("(no users");
    }

    @Test
    @DisplayName("bad usage exits 2 before anything starts: no role, unknown role, a short or missing password, a"
            + " password on the command line, a bad name")
    void badUsage() {
        assertThat(user("long enough password\n", "user", "add", "bob").exitCode()).isEqualTo(2);
        assertThat(user("long enough password\n", "user", "add", "bob", "--role", "admin").exitCode()).isEqualTo(2);
        Cli.Result shortPassword = user("short\n", "user", "add", "bob", "--role", "finance");
        assertThat(shortPassword.exitCode()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("at least 12 characters");
        assertThat(user("", "user", "add", "bob", "--role", "finance").exitCode()).isEqualTo(2);
        assertThat(user("", "user", "add", "bob", "--role", "finance", "--password", "long enough password").exitCode())
                .isEqualTo(2);
        assertThat(user("long enough password\n", "user", "add", "bob;rm", "--role", "finance").exitCode()).isEqualTo(2);
        assertThat(user("", "user", "frobnicate").exitCode()).isEqualTo(2);
    }
}
