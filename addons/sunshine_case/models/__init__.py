from . import sunshine_case_tag
from . import sunshine_case
from . import sunshine_case_use
from . import helpdesk_ticket
