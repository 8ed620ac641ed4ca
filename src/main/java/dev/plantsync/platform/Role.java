package dev.plantsync.platform;

/** What a user may do. An operator cannot approve; an approver cannot restart jobs unless also an operator. */
public enum Role {
    VIEWER, OPERATOR, APPROVER, ADMIN
}
