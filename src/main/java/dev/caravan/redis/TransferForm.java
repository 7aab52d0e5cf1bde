package dev.caravan.redis;

/**
 * How the master framed the snapshot; it chooses, following its {@code repl-diskless-sync}
 * setting, because this client announces both ({@code REPLCONF capa eof}).
 */
public enum TransferForm {
    /**
     * {@code $<length>\r\n} then exactly that many bytes: the master wrote the RDB to its disk
     * first ({@code repl-diskless-sync no}) and sends the file.
     */
    DISK_BASED,
    /**
     * {@code $EOF:<40 random characters>\r\n}, then the RDB as the forked child writes it, then the
     * same 40 characters: the length is not known in advance ({@code repl-diskless-sync yes}).
     */
    DISKLESS
}
