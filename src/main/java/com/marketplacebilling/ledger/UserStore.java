package com.marketplacebilling.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The console's accounts: a name, a BCrypt hash (computed by the caller) and one role. */
public class UserStore {
    /** FINANCE reads everything and downloads files; OPERATOR also acts. */
    public enum Role { OPERATOR, FINANCE }

    public record User(String name, String passwordHash, Role role, Instant createdAt) {}

    private final JdbcTemplate jdbc;

    public UserStore(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /** False when the name is taken (an account is never silently replaced). */
    public boolean add(String name, String passwordHash, Role role, Instant now) {
        return jdbc.update("INSERT INTO console_user (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (username) DO NOTHING", name, passwordHash, role.name(),
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC)) == 1;
    }

    public boolean remove(String name) {
        return jdbc.update("DELETE FROM console_user WHERE username = ?", name) == 1;
    }

    public User find(String name) {
        List<User> u = jdbc.query("SELECT * FROM console_user WHERE username = ?", UserStore::map, name);
        return u.isEmpty() ? null : u.get(0);
    }

    public List<User> list() {
        return jdbc.query("SELECT * FROM console_user ORDER BY username", UserStore::map);
    }

    private static User map(ResultSet rs, int i) throws SQLException {
        return new User(rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
