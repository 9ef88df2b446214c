package io.gatehouse.org;

import io.gatehouse.outbound.NetworkRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatehouseConfigTest {

    @Test
    void no_allowed_networks_unless_the_operator_names_them() {
        assertEquals(List.of(), GatehouseConfig.networks(null));
        assertEquals(List.of(), GatehouseConfig.networks(new String[] {""}));
    }

    @Test
    void allowed_networks_are_read_as_cidr_ranges_of_either_family() {
        assertEquals(List.of(NetworkRange.parse("127.0.0.1/32"), NetworkRange.parse("10.20.0.0/16"), NetworkRange.parse("fd00::/8")),
                GatehouseConfig.networks(new String[] {"127.0.0.1/32", " 10.20.0.0/16", "fd00::/8 "}));
    }

    @Test
    void a_wrong_allowed_network_stops_the_start_naming_the_option_and_the_entry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatehouseConfig.networks(new String[] {"127.0.0.1/32", "10.0.0/8"}));
        assertTrue(e.getMessage().startsWith("--spi-gatehouse-organizations--default--fetch-allowed-networks: '10.0.0/8' is not a network range"),
                e.getMessage());
    }
}
