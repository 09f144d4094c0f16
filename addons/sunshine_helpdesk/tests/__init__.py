from . import test_install
from . import test_sla
from . import test_access
from . import test_bad_input
from . import test_performance
from . import test_cron_concurrency
from . import test_portal
from . import test_tour
