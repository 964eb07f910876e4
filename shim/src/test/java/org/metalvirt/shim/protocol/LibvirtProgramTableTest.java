package org.metalvirt.shim.protocol;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.metalvirt.shim.testing.LibvirtProgram;
import org.metalvirt.shim.testing.LibvirtProgram.Kind;
import org.metalvirt.shim.testing.LibvirtProgram.Row;

/** The table declares libvirt 9.0's REMOTE program exactly, as its sources define it. */
class LibvirtProgramTableTest {

    @Test
    void everyProcedureOfLibvirt90IsDeclaredUnderItsNumberAndName() {
        List<Executable> checks = new ArrayList<>();
        for (Row row : LibvirtProgram.ROWS) {
            checks.add(() -> {
                Procedure<?, ?> declared = RemoteProcedures.TABLE.get(row.number());
                assertNotNull(declared, row.name() + " (" + row.number() + ") is not declared");
                assertEquals(row.name(), declared.name());
                assertEquals(row.kind() == Kind.EVENT, declared.event(), row.name() + " is an event or not");
            });
        }
        assertAll(checks);
    }

    @Test
    void nothingIsDeclaredThatLibvirt90DoesNotHave() {
        Set<Integer> libvirts = LibvirtProgram.ROWS.stream().map(Row::number).collect(Collectors.toSet());
        List<String> extra = RemoteProcedures.TABLE.all().stream()
                .filter(procedure -> !libvirts.contains(procedure.number()))
                .map(Procedure::toString)
                .toList();
        assertEquals(List.of(), extra);
    }

    @Test
    void eachCallNamesItsPublicApiAndTheErrorDomainLibvirtReportsItFrom() {
        List<Executable> checks = new ArrayList<>();
        for (Row row : LibvirtProgram.ROWS) {
            if (row.kind() == Kind.CALL) {
                Procedure<?, ?> declared = RemoteProcedures.TABLE.get(row.number());
                checks.add(() -> assertEquals(row.api(), declared.api(), row.name()));
                checks.add(() ->
                        assertEquals(row.errorDomain(), declared.apiDomain().code(), row.api()));
            }
        }
        assertAll(checks);
    }

    @Test
    void aCallNeedsAReadWriteConnectionExactlyWhenLibvirtsPublicApiRefusesItReadOnly() {
        List<Executable> checks = new ArrayList<>();
        for (Row row : LibvirtProgram.ROWS) {
            if (row.kind() == Kind.CALL) {
                Procedure<?, ?> declared = RemoteProcedures.TABLE.get(row.number());
                checks.add(() -> assertEquals(row.readOnlyDenied(), declared.has(Check.WRITE), row.api()));
            }
        }
        assertAll(checks);
    }

    @Test
    void theAuthenticationStepsComeBeforeOpen() {
        for (Row row : LibvirtProgram.ROWS) {
            if (row.kind() == Kind.AUTH) {
                assertEquals(true, RemoteProcedures.TABLE.get(row.number()).has(Check.BEFORE_OPEN), row.name());
            }
        }
    }
}
