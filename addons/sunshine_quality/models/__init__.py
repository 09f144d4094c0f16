from . import sunshine_complaint_category
from . import sunshine_complaint
from . import sunshine_complaint_tracking
from . import sunshine_complaint_proposal
from . import sunshine_complaint_verification
from . import sunshine_quality_action
from . import sunshine_nonconformity
from . import helpdesk_ticket
