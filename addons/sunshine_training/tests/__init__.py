from . import test_install
from . import test_certification
from . import test_gating
from . import test_cron
from . import test_access
from . import test_tour
from . import test_rpc_security
from . import test_expiry_in_company_time
