package dev.caravan.rdb;

import java.io.IOException;

/** Callbacks of one parse, in file order. Every callback defaults to doing nothing. */
public interface RdbVisitor {

    default void onHeader(String magic, int version) throws IOException {
    }

    default void onAux(byte[] key, byte[] value) throws IOException {
    }

    default void onSelectDb(int db) throws IOException {
    }

    default void onResizeDb(long size, long expiresSize) throws IOException {
    }

    /** A module's auxiliary data (skipped structurally); the name is decoded from the id. */
    default void onModuleAux(long moduleId, String moduleName) throws IOException {
    }

    /** A function library's source code (FUNCTION2). */
    default void onFunction(byte[] code) throws IOException {
    }

    /** Cluster slot sizing hint (Redis 7.x / Valkey {@code SLOT_INFO}). */
    default void onSlotInfo(long slot, long size, long expiresSize) throws IOException {
    }

    /** A key; the visitor may skip, copy or decode the value (default: skip). */
    default void onEntry(RdbEntry entry, RdbValue value) throws IOException {
    }

    default void onEnd(RdbSummary summary) throws IOException {
    }
}
