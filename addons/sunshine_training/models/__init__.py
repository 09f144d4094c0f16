from . import sunshine_training_course
from . import sunshine_training_session
from . import sunshine_training_attendee
from . import sunshine_certification
from . import hr_employee
from . import helpdesk_ticket
from . import mail_message
