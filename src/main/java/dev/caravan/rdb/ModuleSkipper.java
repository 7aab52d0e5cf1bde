package dev.caravan.rdb;

import java.io.IOException;

/**
 * Skips module data structurally (MODULE_2 values and MODULE_AUX records). Since RDB 8 modules
 * annotate what they save: each item is an opcode length — 1 signed / 2 unsigned integer (a
 * length), 3 float (4 bytes), 4 double (8 bytes), 5 string — and opcode 0 ends the value
 * (redis/redis src/rdb.h RDB_MODULE_OPCODE_*, src/module.c).
 */
final class ModuleSkipper {

    private static final String CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private ModuleSkipper() {
    }

    /** The 9-character module type name packed into the top 54 bits of the id (6 bits a char). */
    static String name(long moduleId) {
        char[] c = new char[9];
        for (int j = 0; j < 9; j++) {
            c[j] = CHARSET.charAt((int) ((moduleId >>> (10 + 6 * (8 - j))) & 63));
        }
        return new String(c);
    }

    /** Skips annotated items up to and including the EOF opcode. */
    static void skipItems(RdbInput in) throws IOException {
        while (true) {
            long op = Strings.readLength(in);
            switch ((int) Math.min(op, 6)) {
                case 0:
                    return;
                case 1, 2:
                    Strings.readUnsigned(in);
                    break;
                case 3:
                    in.skip(4);
                    break;
                case 4:
                    in.skip(8);
                    break;
                case 5:
                    Strings.skip(in);
                    break;
                default:
                    throw in.fail("expected a module opcode 0-5, found " + op);
            }
        }
    }
}
