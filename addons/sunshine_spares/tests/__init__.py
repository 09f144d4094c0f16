from . import test_install
from . import test_warranty_dates
from . import test_ticket_warranty
from . import test_bad_input
from . import test_cron
from . import test_access
from . import test_portal
from . import test_spare_part_list
