"""Reference counters drawn by concurrent transactions, as two instances do."""

from urad.podnety.content.numbering import YearCounters
from ZODB.DB import DB
from ZODB.MappingStorage import MappingStorage
from ZODB.POSException import ConflictError

import pytest
import transaction


@pytest.fixture
def database():
    db = DB(MappingStorage())
    with db.transaction() as connection:
        connection.root()["counters"] = YearCounters()
    yield db
    db.close()


def open_counters(db):
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    return manager, connection, connection.root()["counters"]


class TestYearCounters:
    def test_numbers_per_year(self):
        counters = YearCounters()
        assert [counters.draw(2026), counters.draw(2026)] == [1, 2]
        assert counters.draw(2027) == 1
        assert counters.draw(2026) == 3

    def test_concurrent_draw_conflicts(self, database):
        first_manager, first, first_counters = open_counters(database)
        second_manager, second, second_counters = open_counters(database)
        assert first_counters.draw(2026) == 1
        assert second_counters.draw(2026) == 1
        first_manager.commit()
        with pytest.raises(ConflictError):
            second_manager.commit()
        second_manager.abort()
        assert second.root()["counters"].draw(2026) == 2
        second_manager.commit()
        first.close()
        second.close()

    def test_retried_draws_are_consecutive(self, database):
        """Retrying every conflicting draw yields 1..n with no number twice."""
        sessions = [open_counters(database) for _ in range(4)]
        drawn = []
        pending = list(sessions)
        while pending:
            for manager, connection, _counters in pending:
                manager.begin()
                connection.root()["counters"].draw(2026)
            retry = []
            for session in pending:
                manager, connection, _counters = session
                number = connection.root()["counters"].last[2026]
                try:
                    manager.commit()
                except ConflictError:
                    manager.abort()
                    retry.append(session)
                else:
                    drawn.append(number)
            pending = retry
        assert sorted(drawn) == [1, 2, 3, 4]
        for _manager, connection, _counters in sessions:
            connection.close()
